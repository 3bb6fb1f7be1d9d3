public import Foundation

/// Locates the engine's data files (lexicons, rubric templates) shipped in `Models/`.
public enum ModelFiles {
    /// The folder holding the sentiment lexicon files.
    public static var lexiconDirectory: URL { root.appendingPathComponent("lexicon", isDirectory: true) }
    /// The folder holding the built-in rubric templates.
    public static var templatesDirectory: URL { root.appendingPathComponent("templates", isDirectory: true) }

    /// The Silero VAD weight file made at setup by `Scripts/models/fetch-silero-vad.sh` (not in git).
    public static var sileroVoiceWeights: URL { root.appendingPathComponent("vad/silero-vad-8k.bin") }

    /// `UNDERTONE_MODELS` overrides the bundled copy, for installs that move the binary away from its bundle.
    private static var root: URL {
        if let override = ProcessInfo.processInfo.environment["UNDERTONE_MODELS"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }
}
