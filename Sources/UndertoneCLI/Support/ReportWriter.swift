import Foundation

/// Writes a report to the path given with `-o`: atomically (a reader never sees half a report) when it is, or will
/// be, a regular file, and straight into anything else that exists (`/dev/null`, a FIFO), which an atomic rename
/// would replace. Every failure is one line naming the path.
enum ReportWriter {
    /// Fails, naming `path`, when the folder it would go into does not exist: checked before minutes of analysis.
    static func checkFolder(of path: String) throws {
        var isDirectory: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(path: path, reason: "cannot be written: folder \(folder) does not exist")
        }
    }

    static func write(_ data: Data, to path: String) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw InputError(path: path, reason: "is a folder; give a file name for the report") }
            let type = (try? fileManager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            if type != .typeRegular {
                guard let handle = FileHandle(forWritingAtPath: path) else { throw InputError(path: path, reason: "cannot be written") }
                defer { try? handle.close() }
                handle.write(data)
                return
            }
        }
        try checkFolder(of: path)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(path: path, reason: "cannot be written (permission denied or disk full)")
        }
    }
}
