import ArgumentParser
import UndertoneAudio

/// A failure that has already been reported on standard error: the command exits 1 without printing more.
struct ReportedFailure: Error {}

extension UndertoneCommand {
    /// Runs the command line with Undertone's exit codes: 0 success, 1 analysis or input error
    /// (one line on stderr naming the file and the reason), 2 usage error.
    public static func runWithExitCodes(_ arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch is ReportedFailure {
            return 1
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            if code == .validationFailure {
                // One line, like every other error: the usage summary is one `--help` away.
                StandardError.line(message(for: error) + " (see --help)")
                return 2
            }
            // Undertone's errors describe themselves in one line that names the file and the reason; where the
            // library asks for a channel map, the command line names the option that gives one.
            var line = String(describing: error)
            if let audio = error as? AudioError, audio.kind == .tooManyChannels { line += " with --roles" }
            StandardError.line(line)
            return 1
        }
    }
}
