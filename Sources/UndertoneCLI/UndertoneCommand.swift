public import ArgumentParser

/// The `undertone` command and its subcommands.
public struct UndertoneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "undertone",
        abstract: "Real-time call analysis: speech, silence, prosody, sentiment arcs and QA rubrics.",
        version: UndertoneVersion.string,
        subcommands: [AnalyzeCommand.self, InfoCommand.self, SentimentCommand.self]
    )

    public init() {}
}

/// The engine's version, reported by `--version` and in every report.
public enum UndertoneVersion {
    public static let string = "0.1.0"
}
