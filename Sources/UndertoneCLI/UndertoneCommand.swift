public import ArgumentParser
import UndertoneAnalysis

/// The `undertone` command and its subcommands.
public struct UndertoneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "undertone",
        abstract: "Real-time call analysis: speech, silence, prosody, sentiment arcs and QA rubrics.",
        version: Undertone.version,
        subcommands: [
            AnalyzeCommand.self,
            LiveCommand.self,
            InfoCommand.self,
            BenchCommand.self,
            SentimentCommand.self,
            FramesCommand.self,
            ServeCommand.self,
            WorkerCommand.self,
            KeysCommand.self,
        ]
    )

    public init() {}
}
