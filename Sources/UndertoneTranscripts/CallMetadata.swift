/// What the recording server knows about a call, read from a `.meta.json` file.
public struct CallMetadata: Sendable, Codable, Equatable {
    public var agentName: String?
    public var customerName: String?
    public var company: String?
    /// Any other string fields, kept for templates and the report.
    public var fields: [String: String]

    public init(agentName: String? = nil, customerName: String? = nil, company: String? = nil, fields: [String: String] = [:]) {
        self.agentName = agentName
        self.customerName = customerName
        self.company = company
        self.fields = fields
    }
}
