import Foundation

/// Pulls a JSON value out of a free-text answer (code fences and surrounding prose allowed) and walks a path.
enum JSONAnswer {
    /// `a.b`, `items.0.name` or `items[0].name` as path segments; nil when the path is malformed.
    static func pathComponents(_ path: String) -> [String]? {
        var segments: [String] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let key = rest.prefix { $0 != "[" }
            rest = rest.dropFirst(key.count)
            guard !key.isEmpty || (!segments.isEmpty && !rest.isEmpty) else { return nil }
            if !key.isEmpty { segments.append(String(key)) }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
                let index = rest[rest.index(after: rest.startIndex)..<close]
                guard !index.isEmpty, index.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                segments.append(String(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        return segments.isEmpty ? nil : segments
    }

    /// The value at `path` in the first JSON document of `answer` that has one (objects before arrays,
    /// a code fence before the prose around it), or nil.
    static func value(at path: String, in answer: String) -> JSONValue? {
        guard let segments = pathComponents(path) else { return nil }
        for document in documents(in: answer) {
            if let value = walk(document, segments) { return value }
        }
        return nil
    }

    private static func walk(_ root: JSONValue, _ segments: [String]) -> JSONValue? {
        var current = root
        for segment in segments {
            switch current {
            case .object(let members):
                guard let next = members[segment] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(segment), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Whether `value` is what `expected` spells: strings compare normalised, numbers numerically,
    /// `true`/`false`/`null` by name, arrays and objects as JSON.
    static func matches(_ value: JSONValue, expected: String) -> Bool {
        switch value {
        case .string(let text):
            return AnswerNormalizer.normalize(text) == AnswerNormalizer.normalize(expected)
                && !(text.isEmpty != expected.isEmpty)
        case .number(let number):
            guard let wanted = Double(expected.trimmingSpaces()) else { return false }
            return abs(number - wanted) <= 1e-9 * max(1, abs(wanted))
        case .bool(let flag):
            return expected.trimmingSpaces().lowercased() == (flag ? "true" : "false")
        case .null:
            return expected.trimmingSpaces().lowercased() == "null"
        case .array, .object:
            return decode(Substring(expected)) == value
        }
    }

    /// Every `{...}` that parses, the inside of a code fence first; then every `[...]`. Lazy: most answers
    /// hold one document and the walk stops at the first that has the path.
    static func documents(in answer: String) -> some Sequence<JSONValue> {
        let sources = [fencedBlock(in: answer), answer].compactMap { $0 }
        let openers: [Character] = ["{", "["]
        return openers.lazy.flatMap { opener in sources.lazy.flatMap { balanced(opener, in: $0) } }
    }

    /// The body of the first ``` fence (a language tag after the opening fence is skipped).
    private static func fencedBlock(in text: String) -> String? {
        guard let open = text.range(of: "```") else { return nil }
        let afterOpen = text[open.upperBound...]
        let bodyStart =
            afterOpen.firstIndex(where: \.isNewline).map { afterOpen.index(after: $0) } ?? afterOpen.startIndex
        guard let close = text.range(of: "```", range: bodyStart..<text.endIndex) else {
            return String(text[bodyStart...])
        }
        return String(text[bodyStart..<close.lowerBound])
    }

    /// The spans from each `opener` to its matching closer (minding strings) that decode, in order.
    private static func balanced(_ opener: Character, in text: String) -> [JSONValue] {
        let closer: Character = opener == "{" ? "}" : "]"
        var values: [JSONValue] = []
        var searchFrom = text.startIndex
        while let start = text[searchFrom...].firstIndex(of: opener) {
            if let end = matchingEnd(from: start, opener: opener, closer: closer, in: text),
                let value = decode(text[start...end])
            {
                values.append(value)
                // Nested objects are reachable through the path; skip past the whole document.
                searchFrom = text.index(after: end)
            } else {
                searchFrom = text.index(after: start)
            }
        }
        return values
    }

    private static func matchingEnd(
        from start: String.Index, opener: Character, closer: Character, in text: String
    ) -> String.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == opener {
                depth += 1
            } else if character == closer {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func decode(_ text: Substring) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
