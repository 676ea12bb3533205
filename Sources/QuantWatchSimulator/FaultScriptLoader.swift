import Foundation
import Yams

/// Reads a fault timeline from YAML; every error names the file, line and column.
///
/// ```yaml
/// faults:                      # or a bare list
///   - at: 30s                  # start, relative to sim start (default 0)
///     for: 60s                 # optional; default: until the end
///     model: q4_0              # optional; default: every model
///     latency: {add: 200ms, multiply: 3, share: 1}
///   - {at: 40s, model: remote, rate_limit: {share: 0.5, retry_after: 1s}}
///   - {at: 90s, refuse: true, for: 10s}
/// ```
public enum FaultScriptLoader {
    public static func load(path: String) throws -> FaultScript {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw FaultScriptError(
                path: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, path: path)
    }

    public static func parse(yaml: String, path: String = "<faults>") throws -> FaultScript {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw FaultScriptError(path: path, line: error.line, message: "not valid YAML: \(error.problem)")
        }
        guard let root else { return FaultScript() }
        let reader = Reader(path: path)
        let list: Node.Sequence
        switch root {
        case .sequence(let sequence):
            list = sequence
        case .mapping(let mapping):
            for (key, _) in mapping where key.string != "faults" {
                throw reader.error(key, "unknown key '\(key.string ?? "")' (expected 'faults')")
            }
            guard let faults = mapping["faults"] else { return FaultScript() }
            guard case .sequence(let sequence) = faults else {
                throw reader.error(faults, "'faults' must be a list of entries")
            }
            list = sequence
        default:
            throw reader.error(root, "a fault script is a list of entries (or a mapping with 'faults:')")
        }
        return FaultScript(windows: try list.map { try reader.window($0) })
    }
}

extension YamlError {
    /// Line of the problem, when libyaml gave one.
    fileprivate var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    fileprivate var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(self)"
        }
    }
}

/// Walks the YAML nodes of one file, turning each into typed values or a located error.
private struct Reader {
    let path: String

    func error(_ node: Node, _ message: String) -> FaultScriptError {
        FaultScriptError(path: path, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    func window(_ node: Node) throws -> FaultWindow {
        guard case .mapping(let entry) = node else {
            throw error(node, "each entry is a mapping like {at: 30s, for: 60s, model: q4_0, latency: {add: 200ms}}")
        }
        var window = FaultWindow(fault: .refuse)
        var fault: Fault?
        for (keyNode, value) in entry {
            let key = keyNode.string ?? ""
            switch key {
            case "at":
                window.start = try duration(value, "at")
            case "for":
                window.duration = try duration(value, "for")
            case "model":
                window.model = try string(value, "model")
            case "fault":
                let parsed = try nestedFault(value)
                if fault != nil { throw error(keyNode, "an entry has exactly one fault") }
                fault = parsed
            default:
                guard Fault.names.contains(key) else {
                    throw error(
                        keyNode,
                        "unknown key '\(key)' (expected at, for, model or a fault: "
                            + Fault.names.joined(separator: ", ") + ")")
                }
                if fault != nil { throw error(keyNode, "an entry has exactly one fault; '\(key)' is a second one") }
                fault = try self.fault(named: key, value)
            }
        }
        guard let fault else {
            throw error(node, "entry has no fault (one of " + Fault.names.joined(separator: ", ") + ")")
        }
        window.fault = fault
        return window
    }

    /// `fault: refuse` or `fault: {latency: {add: 1s}}`.
    private func nestedFault(_ node: Node) throws -> Fault {
        switch node {
        case .scalar(let scalar):
            guard Fault.names.contains(scalar.string) else {
                throw error(
                    node, "unknown fault '\(scalar.string)' (expected " + Fault.names.joined(separator: ", ") + ")")
            }
            return try fault(named: scalar.string, .mapping(Node.Mapping([])))
        case .mapping(let mapping):
            guard mapping.count == 1, let (keyNode, value) = mapping.first, let key = keyNode.string else {
                throw error(node, "'fault' holds exactly one fault")
            }
            guard Fault.names.contains(key) else {
                throw error(keyNode, "unknown fault '\(key)' (expected " + Fault.names.joined(separator: ", ") + ")")
            }
            return try fault(named: key, value)
        default:
            throw error(node, "'fault' is a fault name or a mapping of one fault")
        }
    }

    private func fault(named name: String, _ node: Node) throws -> Fault {
        if name == "refuse" {
            if case .scalar(let scalar) = node, ["false", "no", "off"].contains(scalar.string.lowercased()) {
                throw error(node, "'refuse: false' has no effect; remove the entry")
            }
            return .refuse
        }
        let params = try parameters(node, for: name)
        switch name {
        case "latency":
            try params.allow(["add", "multiply", "share"])
            let add = try params.duration("add") ?? .zero
            let multiply = try params.number("multiply", range: 0.01...1000) ?? 1
            if params.node("add") == nil && params.node("multiply") == nil {
                throw error(node, "latency needs 'add' (a duration) or 'multiply' (a factor)")
            }
            return .latency(add: add, multiply: multiply, share: try params.share())
        case "errors":
            try params.allow(["share", "status"])
            let status = try params.number("status", range: 400...599).map { Int($0) }
            return .errors(share: try params.share(), status: status)
        case "rate_limit":
            try params.allow(["share", "retry_after"])
            return .rateLimit(share: try params.share(), retryAfter: try params.duration("retry_after") ?? .seconds(1))
        case "stall":
            try params.allow(["share", "after_tokens"])
            let after = try params.number("after_tokens", range: 0...100_000).map { Int($0) } ?? 3
            return .stall(share: try params.share(), afterTokens: after)
        case "malformed":
            try params.allow(["share"])
            return .malformed(share: try params.share())
        case "reset":
            try params.allow(["share", "after_tokens"])
            let after = try params.number("after_tokens", range: 0...100_000).map { Int($0) } ?? 2
            return .reset(share: try params.share(), afterTokens: after)
        case "queue":
            try params.allow(["depth", "wait"])
            let depth = try params.number("depth", range: 0...100_000).map { Int($0) } ?? 4
            return .queue(depth: depth, wait: try params.duration("wait") ?? .milliseconds(500))
        default:
            try params.allow(["category", "points"])
            guard let points = try params.number("points", range: 0...100) else {
                throw error(node, "accuracy_drop needs 'points' (0-100)")
            }
            let category = try params.node("category").map { try string($0, "category") }
            return .accuracyDrop(category: category, points: points)
        }
    }

    /// A fault's parameter mapping; a bare number stands for `share`.
    private func parameters(_ node: Node, for name: String) throws -> Parameters {
        switch node {
        case .mapping(let mapping):
            return Parameters(reader: self, mapping: mapping, owner: node, fault: name)
        case .scalar(let scalar) where Double(scalar.string) != nil:
            let pair = (Node("share"), node)
            return Parameters(reader: self, mapping: Node.Mapping([pair]), owner: node, fault: name)
        case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "~" || scalar.string == "true":
            return Parameters(reader: self, mapping: Node.Mapping([]), owner: node, fault: name)
        default:
            throw error(node, "'\(name)' takes a mapping of parameters, e.g. \(name): {share: 0.1}")
        }
    }

    func duration(_ node: Node, _ key: String) throws -> Duration {
        guard case .scalar(let scalar) = node, let value = SimDurationParser.parse(scalar.string) else {
            throw error(node, "'\(key)' must be a duration like 30s, 200ms or 2m")
        }
        return value
    }

    func string(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(node, "'\(key)' must be a non-empty string")
        }
        return scalar.string
    }

    /// The parameters of one fault, checked for unknown keys and ranges.
    struct Parameters {
        let reader: Reader
        let mapping: Node.Mapping
        let owner: Node
        let fault: String

        func node(_ key: String) -> Node? {
            mapping[key]
        }

        func allow(_ keys: [String]) throws {
            for (keyNode, _) in mapping where !keys.contains(keyNode.string ?? "") {
                throw reader.error(
                    keyNode,
                    "unknown parameter '\(keyNode.string ?? "")' for \(fault) "
                        + "(expected " + keys.joined(separator: ", ") + ")")
            }
        }

        func duration(_ key: String) throws -> Duration? {
            try node(key).map { try reader.duration($0, key) }
        }

        func number(_ key: String, range: ClosedRange<Double>) throws -> Double? {
            guard let value = node(key) else { return nil }
            guard case .scalar(let scalar) = value, let number = Double(scalar.string), range.contains(number) else {
                throw reader.error(value, "'\(key)' must be a number in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }

        /// `share` in 0...1; 1 when left out.
        func share() throws -> Double {
            try number("share", range: 0...1) ?? 1
        }
    }
}
