import Foundation
import QuantWatchDomain

/// Encodes request bodies as JSON with snake_case keys.
enum RequestBody {
    /// A chat message as every chat dialect spells it.
    struct Message: Encodable, Sendable {
        var role: String
        var content: String
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail; an empty body would surface as a 4xx.
        return (try? encoder.encode(value)).map { [UInt8]($0) } ?? []
    }

    static func messages(_ canary: Canary) -> [Message] {
        canary.messages.map { Message(role: $0.role.rawValue, content: $0.content) }
    }
}
