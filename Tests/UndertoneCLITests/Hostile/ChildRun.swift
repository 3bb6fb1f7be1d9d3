import Foundation
import UndertoneTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// One run of the built `undertone` binary in a child process, with what a hostile input may not exceed measured by
/// the kernel: the exit status, stderr, CPU time and peak resident memory (from `wait4`'s rusage, per child).
struct ChildRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var cpuSeconds: Double
    var peakMegabytes: Double
    var timedOut: Bool

    /// The binary next to the test bundle (`swift test` builds every product into the same folder).
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if folder.lastPathComponent == "MacOS" || folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("undertone").path
    }

    /// Runs `undertone arguments…` with `stdin` as its standard input (a file path, or nil for /dev/null), killing it
    /// after `wallLimit` seconds (a hang; the time bound itself is asserted on CPU time, which a busy machine does
    /// not inflate).
    static func run(_ arguments: [String], stdin: String? = nil, closeStdoutAfter: Int? = nil, wallLimit: Double = 120)
        throws -> ChildRun
    {
        let folder = try RepositoryFiles.temporaryDirectory("child")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let err = folder.appendingPathComponent("err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        var pipe: [Int32] = [-1, -1]
        if closeStdoutAfter != nil {
            _ = Glibc.pipe(&pipe)
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
            posix_spawn_file_actions_addclose(&actions, pipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        if pipe[1] >= 0 { close(pipe[1]) }
        guard spawned == 0 else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary]) }
        if let bytes = closeStdoutAfter {
            // Read what the reader wants, then go away as `head` would.
            var buffer = [UInt8](repeating: 0, count: max(1, bytes))
            _ = read(pipe[0], &buffer, buffer.count)
            close(pipe[0])
        }
        let start = Date()
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        // Peak memory is the child's own high-water mark, read from /proc while it runs: wait4's ru_maxrss also
        // counts the test process's high-water mark, which posix_spawn's vfork hands to the child before exec.
        var peakKilobytes = 0
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            peakKilobytes = max(peakKilobytes, Self.highWaterKilobytes(of: pid))
            if Date().timeIntervalSince(start) > wallLimit {
                kill(pid, SIGKILL)
                timedOut = true
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(10_000)
        }
        let exited = status & 0x7F == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ChildRun(
            status: code, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", cpuSeconds: cpu,
            peakMegabytes: Double(peakKilobytes) / 1024, timedOut: timedOut)
    }

    /// `VmHWM` of a running process in kB, 0 once it has exited.
    private static func highWaterKilobytes(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
