import ArgumentParser

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
        } catch let error as ReportedFailure {
            _ = error
            return 1
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            if code == .validationFailure {
                StandardError.line(fullMessage(for: error))
                return 2
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { StandardError.line("undertone: \(message)") }
            return 1
        }
    }
}
