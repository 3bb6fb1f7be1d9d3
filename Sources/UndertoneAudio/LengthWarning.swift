/// The note a report (and `undertone info --decode`) carries when a file decoded to a length other than its
/// header declared: the analysis covers what decoded, and the reader should know the header was wrong.
public enum LengthWarning {
    /// Samples in one frame of the codec: the most a correct file's decoded length may differ from its header by.
    public static func codecFrame(_ codec: String) -> Int {
        switch codec {
        case "MPEG layer III", "MPEG layer II", "MPEG layer I": 1152
        case "Vorbis": 2048
        case "Opus": 960
        case "GSM 6.10": 320
        case "IMA ADPCM", "Microsoft ADPCM": 2048
        default: 1
        }
    }

    /// The warning for `decodedFrames` frames of a file declaring `declared.frameCount`, or nil when they agree to
    /// within one codec frame.
    public static func text(declared: AudioFileInfo, decodedFrames: Int) -> String? {
        guard abs(declared.frameCount - decodedFrames) > codecFrame(declared.codec) else { return nil }
        let rate = Double(declared.sampleRate)
        return "Warning: the header declares \(seconds(Double(declared.frameCount) / rate)) s of audio but "
            + "\(seconds(Double(decodedFrames) / rate)) s decoded; the analysis covers what decoded."
    }

    private static func seconds(_ value: Double) -> String { String((value * 1000).rounded() / 1000) }
}
