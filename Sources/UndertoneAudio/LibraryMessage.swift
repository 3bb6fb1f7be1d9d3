/// libsndfile's messages for files it cannot open, in Undertone's words where libsndfile's are misleading: it says
/// "File does not exist" for a damaged MP3 that plainly exists, and "SF_INFO struct incomplete" for a WAV with two
/// data chunks. The path and kind checks before `sf_open` already caught what these messages literally mean.
enum LibraryMessage {
    static func translated(_ message: String) -> String {
        let lowered = message.lowercased()
        if lowered.contains("does not exist") || lowered.contains("not a regular file") {
            return "the decoder found no readable audio stream (damaged or not an audio file)"
        }
        if lowered.contains("sf_info struct incomplete") {
            return "the header is inconsistent (repeated or missing format or data chunks)"
        }
        return message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
    }
}
