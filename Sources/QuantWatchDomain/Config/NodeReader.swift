import Yams

/// Reads typed values out of the YAML nodes of one file, collecting every problem with its line and column.
struct NodeReader {
    /// The file being read, as it appears in messages.
    let file: String
    private(set) var issues: [ConfigIssue] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ message: String, at node: Node?) {
        report(message, at: node?.mark)
    }

    mutating func report(_ message: String, at mark: Mark?) {
        issues.append(ConfigIssue(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    mutating func append(_ more: [ConfigIssue]) {
        issues.append(contentsOf: more)
    }

    // MARK: - Structure

    /// The entries of a mapping, reporting keys that are not in `allowed` (with the nearest valid key).
    ///
    /// Returns nil, after reporting, when `node` is not a mapping.
    mutating func fields(of node: Node, allowed: [String], what: String) -> MappingFields? {
        guard case .mapping(let mapping) = node else {
            report("expected \(what) to be a mapping of keys to values, got \(Self.describe(node))", at: node)
            return nil
        }
        var fields = MappingFields(node: node)
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("expected a plain key in \(what), got \(Self.describe(key))", at: key)
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                if let hint = KeySuggester.nearest(to: name, among: allowed) {
                    report("unknown key '\(name)' (did you mean '\(hint)'?)", at: key)
                } else {
                    report("unknown key '\(name)' (valid keys: \(allowed.joined(separator: ", ")))", at: key)
                }
                continue
            }
            fields.set(name, key: key, value: value)
        }
        return fields
    }

    /// The items of a list under `key`, or nil (after reporting) when the value is not a list.
    mutating func sequence(_ fields: MappingFields, _ key: String) -> [Node]? {
        guard let node = fields[key] else { return nil }
        guard case .sequence(let sequence) = node else {
            report("expected '\(key)' to be a list, got \(Self.describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    // MARK: - Scalars

    /// A string; any scalar counts (`quant: 8` is "8"). A null value (`key:` or `~`) reads as absent.
    mutating func string(_ fields: MappingFields, _ key: String) -> String? {
        guard let node = fields[key] else { return nil }
        return string(node, key: key)
    }

    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report("expected '\(key)' to be a string, got \(Self.describe(node))", at: node)
            return nil
        }
        return node.isNull ? nil : scalar.string
    }

    /// A whole number within `range`.
    mutating func int(_ fields: MappingFields, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = fields[key], let text = string(node, key: key) else { return nil }
        guard let value = Int(text.replacingUnderscores()) else {
            report("expected '\(key)' to be a whole number, got '\(text)'", at: node)
            return nil
        }
        guard range.contains(value) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)" : Self.describe(range)
            report("'\(key)' must be \(bound), got \(value)", at: node)
            return nil
        }
        return value
    }

    /// A finite number within `range`.
    mutating func double(_ fields: MappingFields, _ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let node = fields[key] else { return nil }
        return double(node, key: key, in: range)
    }

    mutating func double(_ node: Node, key: String, in range: ClosedRange<Double>) -> Double? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Double(text.replacingUnderscores()), value.isFinite else {
            report("expected '\(key)' to be a number, got '\(text)'", at: node)
            return nil
        }
        guard range.contains(value) else {
            let bound =
                range.upperBound == .infinity
                ? "at least \(Self.format(range.lowerBound))"
                : "between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))"
            report("'\(key)' must be \(bound), got \(text)", at: node)
            return nil
        }
        return value
    }

    /// `true`/`false` (YAML's yes/no/on/off spellings too).
    mutating func bool(_ fields: MappingFields, _ key: String) -> Bool? {
        guard let node = fields[key], let text = string(node, key: key) else { return nil }
        guard let value = node.bool else {
            report("expected '\(key)' to be true or false, got '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// A duration such as `15s`; `positive` rejects zero.
    mutating func duration(_ fields: MappingFields, _ key: String, positive: Bool = true) -> Duration? {
        guard let node = fields[key], let text = string(node, key: key) else { return nil }
        guard let value = DurationParser.parse(text) else {
            let bare = Double(text) != nil ? " (a bare number has no unit)" : ""
            report("invalid duration '\(text)' for '\(key)'\(bare): expected \(DurationParser.expectedForm)", at: node)
            return nil
        }
        if positive && value <= .zero {
            report("'\(key)' must be longer than zero, got '\(text)'", at: node)
            return nil
        }
        return value
    }

    // MARK: - Descriptions

    /// How a node reads in a message: `a mapping`, `a list`, or the scalar text quoted.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return node.isNull ? "nothing" : "'\(scalar.string)'"
        case .alias: return "an alias"
        }
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        "between \(range.lowerBound) and \(range.upperBound)"
    }

    /// `1` rather than `1.0`, `0.5` as is.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension Node {
    /// True for an unquoted empty, `~` or `null` scalar.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

extension String {
    /// YAML allows `1_000`; Swift's number parsers do not.
    func replacingUnderscores() -> String {
        String(filter { $0 != "_" })
    }
}
