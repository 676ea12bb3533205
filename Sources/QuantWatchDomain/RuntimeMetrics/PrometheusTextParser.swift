/// Parses the Prometheus text exposition format (0.0.4, and the OpenMetrics lines runtimes send with it).
///
/// Written by hand: swift-prometheus only exports, and the package mirror has no parser. It reads metric names,
/// labels with escaped values (`\\`, `\"`, `\n`), values (`+Inf`, `-Inf`, `NaN` too), an optional timestamp,
/// `# TYPE` and `# HELP`; other comments, `# EOF` and exemplars (`# {...}` after the value) are skipped. Any
/// other line is an error naming its line number. It works on bytes and never traps on any input.
public enum PrometheusTextParser {
    /// Expositions larger than this are refused rather than parsed (a runtime's is a few hundred KB at most).
    public static let maximumBytes = 8 * 1024 * 1024
    /// Samples beyond this are refused: a bounded cost per scrape, whatever the server sends.
    public static let maximumSamples = 200_000

    public static func parse(_ text: String) throws(PrometheusParseError) -> PrometheusExposition {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(PrometheusParseError) -> PrometheusExposition {
        guard bytes.count <= maximumBytes else {
            throw PrometheusParseError(line: 0, message: "exposition of \(bytes.count) bytes is over the limit")
        }
        var exposition = PrometheusExposition()
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var cursor = Cursor(bytes: bytes, position: start, end: end, line: lineNumber)
            // CRLF endings come from some proxies.
            if cursor.end > cursor.position && bytes[cursor.end - 1] == UInt8(ascii: "\r") { cursor.end -= 1 }
            try parseLine(&cursor, into: &exposition)
            guard exposition.samples.count <= maximumSamples else {
                throw PrometheusParseError(line: lineNumber, message: "more than \(maximumSamples) samples")
            }
            start = end + 1
        }
        return exposition
    }

    /// A value as the format writes it: a float, `+Inf`, `-Inf`, `NaN`.
    static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf", "+inf", "inf": return .infinity
        case "-Inf", "-inf": return -.infinity
        case "NaN", "nan": return .nan
        default:
            // Double("0x1p3") and friends parse too; the format never writes them, and they are harmless.
            return Double(text)
        }
    }

    // MARK: - Lines

    private static func parseLine(
        _ cursor: inout Cursor, into exposition: inout PrometheusExposition
    ) throws(PrometheusParseError) {
        cursor.skipBlanks()
        guard let first = cursor.peek else { return }
        if first == UInt8(ascii: "#") {
            parseComment(&cursor, into: &exposition)
            return
        }
        let name = try cursor.name(what: "metric name")
        var labels: [String: String] = [:]
        var blanks = cursor.skipBlanks()
        if cursor.peek == UInt8(ascii: "{") {
            cursor.advance()
            labels = try parseLabels(&cursor)
            blanks = cursor.skipBlanks()
        }
        guard blanks > 0, cursor.peek != nil else {
            throw cursor.error("expected a space and a value after '\(name)'")
        }
        let valueText = cursor.word()
        guard let value = number(valueText) else {
            throw cursor.error("'\(valueText)' is not a number (value of '\(name)')")
        }
        cursor.skipBlanks()
        if let next = cursor.peek, next != UInt8(ascii: "#") {
            let timestamp = cursor.word()
            guard Double(timestamp) != nil else {
                throw cursor.error("unexpected '\(timestamp)' after the value of '\(name)'")
            }
            cursor.skipBlanks()
        }
        // What is left may only be an OpenMetrics exemplar (`# {trace_id="..."} 1.0`), which we do not keep.
        if let next = cursor.peek, next != UInt8(ascii: "#") {
            throw cursor.error("unexpected text after the sample of '\(name)'")
        }
        exposition.samples.append(PrometheusExposition.Sample(name: name, labels: labels, value: value))
    }

    private static func parseComment(_ cursor: inout Cursor, into exposition: inout PrometheusExposition) {
        cursor.advance()
        cursor.skipBlanks()
        let keyword = cursor.word()
        guard keyword == "TYPE" || keyword == "HELP" else { return }
        cursor.skipBlanks()
        let name = cursor.word()
        guard !name.isEmpty else { return }
        cursor.skipBlanks()
        let rest = cursor.rest()
        if keyword == "TYPE" {
            exposition.types[name] = PrometheusExposition.FamilyType(rawValue: rest.lowercased()) ?? .untyped
        } else {
            exposition.help[name] = unescapeHelp(rest)
        }
    }

    private static func parseLabels(_ cursor: inout Cursor) throws(PrometheusParseError) -> [String: String] {
        var labels: [String: String] = [:]
        while true {
            cursor.skipBlanks()
            guard let next = cursor.peek else { throw cursor.error("unterminated label set (missing '}')") }
            if next == UInt8(ascii: "}") {
                cursor.advance()
                return labels
            }
            let label = try cursor.name(what: "label name")
            cursor.skipBlanks()
            guard cursor.peek == UInt8(ascii: "=") else { throw cursor.error("expected '=' after label '\(label)'") }
            cursor.advance()
            cursor.skipBlanks()
            guard cursor.peek == UInt8(ascii: "\"") else {
                throw cursor.error("expected a quoted value for label '\(label)'")
            }
            cursor.advance()
            labels[label] = try cursor.quoted(label: label)
            cursor.skipBlanks()
            switch cursor.peek {
            case UInt8(ascii: ","): cursor.advance()
            case UInt8(ascii: "}"): break
            default: throw cursor.error("expected ',' or '}' after label '\(label)'")
            }
        }
    }

    private static func unescapeHelp(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A line of the exposition being read, by byte position.
private struct Cursor {
    let bytes: [UInt8]
    var position: Int
    var end: Int
    let line: Int

    var peek: UInt8? { position < end ? bytes[position] : nil }

    mutating func advance() { position += 1 }

    /// Skips spaces and tabs; returns how many.
    @discardableResult
    mutating func skipBlanks() -> Int {
        let before = position
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
        return position - before
    }

    /// Bytes up to the next blank or the end of the line.
    mutating func word() -> String {
        let start = position
        while let byte = peek, byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func rest() -> String {
        let start = position
        position = end
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A metric or label name: `[a-zA-Z_:][a-zA-Z0-9_:]*` (colons are for recording rules and runtimes'
    /// namespaces, as in `vllm:num_requests_running`).
    mutating func name(what: String) throws(PrometheusParseError) -> String {
        let start = position
        while let byte = peek, Self.isNameByte(byte, first: position == start) { position += 1 }
        guard position > start else {
            let found = peek.map { "'\(String(decoding: [$0], as: UTF8.self))'" } ?? "the end of the line"
            throw error("expected a \(what), found \(found)")
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The rest of a quoted label value, after its opening quote, unescaped; leaves the cursor after the quote.
    mutating func quoted(label: String) throws(PrometheusParseError) -> String {
        var value: [UInt8] = []
        while let byte = peek {
            advance()
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { break }
                advance()
                switch escaped {
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): value.append(escaped)
                default:
                    // Not one of the three escapes: kept as written, as Prometheus itself does.
                    value.append(UInt8(ascii: "\\"))
                    value.append(escaped)
                }
            default:
                value.append(byte)
            }
        }
        throw error("unterminated value of label '\(label)'")
    }

    func error(_ message: String) -> PrometheusParseError {
        PrometheusParseError(line: line, message: message)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"):
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return !first
        default:
            return false
        }
    }
}

/// Why an exposition could not be read: the line (1-based; 0 for the whole body) and what was wrong.
public struct PrometheusParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
