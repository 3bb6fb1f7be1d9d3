import Foundation
public import Hummingbird

/// A client error: the status and a one-line JSON body `{"error": reason, "field": field}` naming what was wrong.
///
/// Every error the routes throw for bad input is one of these, so a client never sees a 500 for its own mistake.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// The form field, query parameter or header at fault; nil when the error is about the request as a whole.
    public var field: String?
    public var reason: String

    public init(_ status: HTTPResponse.Status = .badRequest, field: String?, reason: String) {
        self.status = status
        self.field = field
        self.reason = reason
    }

    public var description: String { field.map { "\($0): \(reason)" } ?? reason }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = ["error": reason]
        body["field"] = field
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body) + [0x0a])))
    }

    static let unauthorized = APIError(.unauthorized, field: "Authorization", reason: "missing, unknown or revoked API key")
    static func forbidden(_ role: Role) -> APIError {
        APIError(.forbidden, field: "Authorization", reason: "this key's role may not do this (needs \(role.rawValue))")
    }
    static let noSuchCall = APIError(.notFound, field: "id", reason: "no such call")
}
