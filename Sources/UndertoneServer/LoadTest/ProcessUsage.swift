import Foundation

/// CPU time and memory of a process, from Linux's `/proc/<pid>/stat` and `/proc/<pid>/status`.
struct ProcessUsage: Codable, Equatable, Sendable {
    /// User + system CPU seconds since the process started.
    var cpuSeconds: Double
    /// Resident memory now (VmRSS) and its peak since the process started (VmHWM), bytes.
    var residentBytes: Int
    var peakResidentBytes: Int

    /// Reads `pid` (or this process, "self").
    static func read(pid: String) throws -> ProcessUsage {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let usage = parse(stat: stat, status: status, ticksPerSecond: Int(sysconf(Int32(_SC_CLK_TCK)))) else {
            throw LoadTestError("/proc/\(pid): cannot read CPU time and memory")
        }
        return usage
    }

    /// utime and stime are fields 14 and 15 of `stat`, counted after the command name, which is in parentheses and
    /// may itself hold spaces and parentheses (so from the last ')'); VmRSS and VmHWM are in kB in `status`.
    static func parse(stat: String, status: String, ticksPerSecond: Int) -> ProcessUsage? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]), ticksPerSecond > 0 else { return nil }
        func kilobytes(_ key: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
                .flatMap { Int($0.dropFirst(key.count + 1).split(whereSeparator: \.isWhitespace).first ?? "") }
        }
        guard let rss = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return ProcessUsage(cpuSeconds: Double(user + system) / Double(ticksPerSecond), residentBytes: rss << 10, peakResidentBytes: peak << 10)
    }
}

/// The whole machine's CPU counters (`/proc/stat`, first line) and load average, to say how busy both cores were.
struct MachineCPU: Sendable {
    var busy: Int
    var total: Int

    static func read() -> MachineCPU? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard values.count >= 5 else { return nil }
        let total = values.prefix(8).reduce(0, +)
        return MachineCPU(busy: total - values[3] - values[4], total: total)  // idle and iowait are fields 4 and 5
    }

    /// The share of all cores' time that was busy between `earlier` and `self`.
    func busyFraction(since earlier: MachineCPU) -> Double? {
        total > earlier.total ? Double(busy - earlier.busy) / Double(total - earlier.total) : nil
    }

    /// `/proc/loadavg`'s three averages.
    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }
}
