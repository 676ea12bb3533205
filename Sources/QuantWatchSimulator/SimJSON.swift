/// A minimal JSON value that serialises with its keys in the order given, as real servers emit them.
public indirect enum SimJSON: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([SimJSON])
    case object([Field])

    /// One key and its value in an object.
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: SimJSON

        public init(_ key: String, _ value: SimJSON) {
            self.key = key
            self.value = value
        }
    }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    public func write(into out: inout String) {
        switch self {
        case .string(let value):
            out.append("\"")
            out.append(SimJSON.escape(value))
            out.append("\"")
        case .int(let value):
            out.append(String(value))
        case .double(let value):
            out.append(value.isFinite ? String(value) : "null")
        case .bool(let value):
            out.append(value ? "true" : "false")
        case .null:
            out.append("null")
        case .array(let values):
            out.append("[")
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(",") }
                value.write(into: &out)
            }
            out.append("]")
        case .object(let fields):
            out.append("{")
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(",") }
                out.append("\"")
                out.append(SimJSON.escape(field.key))
                out.append("\":")
                field.value.write(into: &out)
            }
            out.append("}")
        }
    }

    /// Escapes quotes, backslashes and control characters for a JSON string body.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension SimJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(integerLiteral value: Int) {
        self = .int(value)
    }

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension SimJSON: ExpressibleByDictionaryLiteral {
    /// Dictionary literals keep their written order.
    public init(dictionaryLiteral elements: (String, SimJSON)...) {
        self = .object(elements.map { Field($0.0, $0.1) })
    }
}
