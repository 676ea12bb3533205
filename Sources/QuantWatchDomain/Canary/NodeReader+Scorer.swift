import Foundation
import Yams

/// Reading a canary's `scorer:` mapping.
extension NodeReader {
    static let scorerKinds = ["exact", "contains", "regex", "numeric", "choice", "json_field"]
    /// Extra keys each kind accepts beside its own.
    static let scorerOptions: [String: [String]] = [
        "exact": [], "contains": ["all"], "regex": ["group", "expected"], "numeric": ["tolerance"],
        "choice": [], "json_field": ["expected"],
    ]

    /// The scorer, or nil after reporting what is wrong with it.
    mutating func scorer(_ node: Node) -> Scorer? {
        let allowed = Self.scorerKinds + ["all", "group", "expected", "tolerance"]
        let before = issues.count
        guard let fields = self.fields(of: node, allowed: allowed, what: "'scorer'") else { return nil }
        let hadUnknownKeys = issues.count > before
        let kinds = Self.scorerKinds.filter { fields.has($0) }
        guard kinds.count == 1, let kind = kinds.first else {
            let list = Self.scorerKinds.joined(separator: ", ")
            if kinds.isEmpty {
                // An unknown key such as `exactly` was already reported with its suggestion.
                if hadUnknownKeys { return nil }
                report("'scorer' needs one of: \(list)", at: node)
            } else {
                report("'scorer' gives \(kinds.joined(separator: " and ")): use exactly one of \(list)", at: node)
            }
            return nil
        }
        let options = Self.scorerOptions[kind] ?? []
        for option in ["all", "group", "expected", "tolerance"] where fields.has(option) && !options.contains(option) {
            report("'\(option)' does not apply to a '\(kind)' scorer", at: fields.keyNode(option))
        }
        switch kind {
        case "exact": return exactScorer(fields)
        case "contains": return containsScorer(fields)
        case "regex": return regexScorer(fields)
        case "numeric": return numericScorer(fields)
        case "choice": return choiceScorer(fields)
        default: return jsonFieldScorer(fields)
        }
    }

    private mutating func nonEmptyString(_ fields: MappingFields, _ key: String) -> String? {
        guard let node = fields[key] else { return nil }
        let text = string(node, key: key)
        if let text, !text.trimmingSpaces().isEmpty { return text }
        if text != nil || node.isNull { report("'\(key)' is empty", at: node) }
        return nil
    }

    private mutating func exactScorer(_ fields: MappingFields) -> Scorer? {
        guard let expected = nonEmptyString(fields, "exact") else { return nil }
        if AnswerNormalizer.normalize(expected).isEmpty {
            report("'exact' value '\(expected)' has no letters or digits to compare", at: fields["exact"])
            return nil
        }
        return .exact(expected)
    }

    private mutating func containsScorer(_ fields: MappingFields) -> Scorer? {
        guard let node = fields["contains"] else { return nil }
        var needles: [String] = []
        if case .sequence(let sequence) = node {
            for item in sequence {
                guard let text = string(item, key: "contains") else { continue }
                if AnswerNormalizer.normalize(text).isEmpty {
                    report("'contains' item '\(text)' has no letters or digits to look for", at: item)
                } else {
                    needles.append(text)
                }
            }
            if sequence.isEmpty { report("'contains' is an empty list", at: node) }
        } else if let needle = nonEmptyString(fields, "contains") {
            needles = [needle]
        }
        let all = bool(fields, "all") ?? false
        return needles.isEmpty ? nil : .contains(needles, all: all)
    }

    private mutating func regexScorer(_ fields: MappingFields) -> Scorer? {
        guard let pattern = nonEmptyString(fields, "regex") else { return nil }
        let group = int(fields, "group", in: 0...99) ?? 0
        let expected = string(fields, "expected")
        let compiled: NSRegularExpression
        do {
            compiled = try NSRegularExpression(pattern: pattern)
        } catch {
            report("regex '\(pattern)' does not compile: \(Self.regexProblem(error))", at: fields["regex"])
            return nil
        }
        guard group <= compiled.numberOfCaptureGroups else {
            report(
                "'group' is \(group) but regex '\(pattern)' has \(compiled.numberOfCaptureGroups) capture group(s)",
                at: fields["group"])
            return nil
        }
        return .regex(pattern: pattern, group: group, expected: expected)
    }

    private mutating func numericScorer(_ fields: MappingFields) -> Scorer? {
        guard let node = fields["numeric"] else { return nil }
        let value = double(node, key: "numeric", in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        let tolerance = double(fields, "tolerance", in: 0...Double.infinity) ?? 0
        return value.map { .numeric(value: $0, tolerance: tolerance) }
    }

    private mutating func choiceScorer(_ fields: MappingFields) -> Scorer? {
        guard let letter = nonEmptyString(fields, "choice") else { return nil }
        let trimmed = letter.trimmingSpaces().uppercased()
        guard trimmed.count == 1, let character = trimmed.first, character.isASCII, character.isLetter else {
            report("'choice' must be one letter A-Z, got '\(letter)'", at: fields["choice"])
            return nil
        }
        return .choice(trimmed)
    }

    private mutating func jsonFieldScorer(_ fields: MappingFields) -> Scorer? {
        let path = nonEmptyString(fields, "json_field")
        if let path, JSONAnswer.pathComponents(path) == nil {
            report(
                "'json_field' path '\(path)' is not a dotted path like 'a.b' or 'items.0.name'",
                at: fields["json_field"])
        }
        if !fields.has("expected") {
            report("a 'json_field' scorer needs 'expected' (the value at the path)", at: fields.node)
        }
        let expected = fields["expected"].flatMap { $0.isNull ? "null" : string($0, key: "expected") }
        guard let path, JSONAnswer.pathComponents(path) != nil, let expected else { return nil }
        return .jsonField(path: path, expected: expected)
    }

    /// The useful part of an `NSRegularExpression` error (Foundation wraps ICU's message in boilerplate).
    private static func regexProblem(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo["NSInvalidValue"] as? String { return "invalid pattern '\(detail)'" }
        return "invalid pattern"
    }
}
