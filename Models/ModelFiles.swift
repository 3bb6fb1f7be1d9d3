public import Foundation

/// Locates the engine's data files (lexicons, rubric templates) shipped in `Models/`.
public enum ModelFiles {
    /// The folder holding the sentiment lexicon files.
    public static var lexiconDirectory: URL { root.appendingPathComponent("lexicon", isDirectory: true) }
    /// The folder holding the built-in rubric templates.
    public static var templatesDirectory: URL { root.appendingPathComponent("templates", isDirectory: true) }

    /// `UNDERTONE_MODELS` overrides the bundled copy, for installs that move the binary away from its bundle.
    private static var root: URL {
        if let override = ProcessInfo.processInfo.environment["UNDERTONE_MODELS"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }
}
