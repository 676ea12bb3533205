import Foundation

/// Reads Prometheus's instant-vector answer straight from its bytes. `top` against a fleet of 500 targets x 3
/// probes receives some 80,000 recorded series (15 MB) per refresh, and JSONDecoder took 2.5 s of the refresh to
/// decode them; this reader builds only the labels and values.
///
/// It accepts exactly what JSON allows in that shape (any key order, extra fields such as `stats`, every string
/// escape) and returns nil for anything else (an error answer, another result type, a malformed body), so the
/// Codable path decides and words the error.
struct PromQLVectorScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private static let maxDepth = 64

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The samples of a successful vector answer, or nil when the body is anything else.
    static func samples(_ body: Data) -> [PromQLSample]? {
        body.withUnsafeBytes { raw in
            var scanner = PromQLVectorScanner(raw.bindMemory(to: UInt8.self))
            return scanner.answer()
        }
    }

    private enum Member {
        case key(String)
        case end
        case invalid
    }

    private mutating func answer() -> [PromQLSample]? {
        var status: String?
        var resultType: String?
        var samples: [PromQLSample]?
        guard consume(UInt8(ascii: "{")) else { return nil }
        var first = true
        loop: while true {
            switch member(&first) {
            case .invalid: return nil
            case .end: break loop
            case .key("status"): status = string()
            case .key("data"):
                guard consume(UInt8(ascii: "{")) else { return nil }
                var firstInData = true
                data: while true {
                    switch member(&firstInData) {
                    case .invalid: return nil
                    case .end: break data
                    case .key("resultType"): resultType = string()
                    case .key("result"): samples = results()
                    case .key: guard skipValue(depth: 2) else { return nil }
                    }
                }
            case .key: guard skipValue(depth: 1) else { return nil }
            }
        }
        skipWhitespace()
        guard index == bytes.count, status == "success", resultType == "vector" else { return nil }
        return samples
    }

    /// `[{"metric": {...}, "value": [t, "v"]}, ...]`.
    private mutating func results() -> [PromQLSample]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var samples: [PromQLSample] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return samples }
        repeat {
            guard let sample = series() else { return nil }
            samples.append(sample)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? samples : nil
    }

    private mutating func series() -> PromQLSample? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var labels: [String: String]?
        var value: Double?
        var first = true
        while true {
            switch member(&first) {
            case .invalid: return nil
            case .end:
                guard let labels, let value else { return nil }
                return PromQLSample(labels: labels, value: value)
            case .key("metric"): labels = metric()
            case .key("value"): value = point()
            case .key: guard skipValue(depth: 4) else { return nil }
            }
        }
    }

    private mutating func metric() -> [String: String]? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var labels: [String: String] = [:]
        labels.reserveCapacity(8)
        var first = true
        while true {
            switch member(&first) {
            case .invalid: return nil
            case .end: return labels
            case .key(let name):
                guard let text = string() else { return nil }
                labels[name] = text
            }
        }
    }

    /// `[unix seconds, "value"]`.
    private mutating func point() -> Double? {
        guard consume(UInt8(ascii: "[")), number(), consume(UInt8(ascii: ",")), let text = string(),
            consume(UInt8(ascii: "]"))
        else { return nil }
        if let value = Double(text) { return value }
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default: return nil
        }
    }

    /// The next key of an object whose `{` was consumed (`first` until one was read), with its `:` consumed.
    private mutating func member(_ first: inout Bool) -> Member {
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .end }
        if !first && !consume(UInt8(ascii: ",")) { return .invalid }
        first = false
        guard let key = string(), consume(UInt8(ascii: ":")) else { return .invalid }
        return .key(key)
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"):
            index += 1
            var first = true
            while true {
                switch member(&first) {
                case .invalid: return false
                case .end: return true
                case .key: guard skipValue(depth: depth + 1) else { return false }
                }
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    private mutating func literal(_ word: String) -> Bool {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count else { return false }
        for (offset, byte) in expected.enumerated() where bytes[index + offset] != byte { return false }
        index += expected.count
        return true
    }

    /// A JSON number (skipped: the timestamp is not kept).
    private mutating func number() -> Bool {
        skipWhitespace()
        let start = index
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        guard index > integerStart, bytes[integerStart] != UInt8(ascii: "0") || index == integerStart + 1 else {
            return false
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            guard index > fraction else { return false }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            let exponent = index
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            guard index > exponent else { return false }
        }
        return index > start
    }

    /// A JSON string, unescaped.
    private mutating func string() -> String? {
        skipWhitespace()
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                // Invalid UTF-8 is left to the Codable path, which refuses it.
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// The rest of a string holding escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var units = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: units, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): units.append(escape)
                case UInt8(ascii: "b"): units.append(0x08)
                case UInt8(ascii: "f"): units.append(0x0C)
                case UInt8(ascii: "n"): units.append(0x0A)
                case UInt8(ascii: "r"): units.append(0x0D)
                case UInt8(ascii: "t"): units.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by its low half.
                        guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(),
                            (0xDC00..<0xE000).contains(low)
                        else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    units.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                units.append(byte)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
