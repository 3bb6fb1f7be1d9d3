public import Foundation
import UndertoneModels

extension RubricTemplate {
    /// Reads a template file.
    ///
    /// - Throws: ``RubricError`` naming the file and, for YAML and schema problems, the line.
    public static func load(contentsOf url: URL) throws(RubricError) -> RubricTemplate {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RubricError(file: url.lastPathComponent, line: nil, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, source: url.lastPathComponent)
    }

    /// Parses template text; `source` names it in errors (usually the file name).
    public static func parse(yaml: String, source: String) throws(RubricError) -> RubricTemplate {
        try TemplateParser(source: source).parse(yaml)
    }

    /// The ids of the templates shipped in `Models/templates/` (file names without `.yaml`).
    public static var builtInNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ModelFiles.templatesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads a shipped template by id, e.g. `opening-30s`.
    public static func builtIn(_ name: String) throws(RubricError) -> RubricTemplate {
        try load(contentsOf: ModelFiles.templatesDirectory.appendingPathComponent("\(name).yaml"))
    }

    /// Every shipped template, in name order.
    public static func builtIns() throws(RubricError) -> [RubricTemplate] {
        var templates: [RubricTemplate] = []
        for name in builtInNames { templates.append(try builtIn(name)) }
        return templates
    }
}
