import Yams

/// Loads a canary suite YAML file into a validated `CanarySuite`, reporting every problem with file:line:col.
public enum CanarySuiteLoader {
    static let suiteKeys = ["name", "category", "max_tokens", "canaries"]
    static let canaryKeys = ["id", "category", "prompt", "messages", "system", "max_tokens", "scorer"]
    /// Canaries should be answered in a few tokens; this bound keeps a typo from asking for an essay.
    static let maxTokensRange = 1...4_096

    /// Reads and validates the suite file at `path`.
    public static func load(path: String) throws(ConfigError) -> CanarySuite {
        switch TextFile.read(path) {
        case .failure(let error):
            let issue = ConfigIssue(file: path, line: 0, column: 0, message: "cannot read the suite: \(error.reason)")
            throw ConfigError(issues: [issue])
        case .success(let text):
            return try parse(yaml: text, path: path)
        }
    }

    /// Validates suite YAML given as text; `path` names it in messages.
    ///
    /// Suite-level `category` and `max_tokens` are defaults for canaries that do not set their own.
    public static func parse(yaml: String, path: String) throws(ConfigError) -> CanarySuite {
        var reader = NodeReader(file: path)
        let root = try YAMLDocument.root(
            yaml, file: path, emptyMessage: "the suite is empty: it needs a 'canaries' list")
        guard let fields = reader.fields(of: root, allowed: suiteKeys, what: "the suite") else {
            throw ConfigError(issues: reader.issues)
        }
        let name = reader.string(fields, "name") ?? defaultName(for: path)
        let defaults = CanaryDefaults(
            category: reader.string(fields, "category") ?? "general",
            maxTokens: reader.int(fields, "max_tokens", in: maxTokensRange) ?? 32)
        var canaries: [Canary] = []
        if !fields.has("canaries") {
            reader.report("missing required field 'canaries' (the list of prompts)", at: root)
        } else if let nodes = reader.sequence(fields, "canaries") {
            if nodes.isEmpty { reader.report("'canaries' is empty: list at least one canary", at: fields["canaries"]) }
            var seen: [String: Int] = [:]
            for (index, node) in nodes.enumerated() {
                guard let (canary, idNode) = reader.canary(node, position: index + 1, defaults: defaults) else {
                    continue
                }
                if let line = seen[canary.id] {
                    reader.report("duplicate canary id '\(canary.id)' (first defined at line \(line))", at: idNode)
                    continue
                }
                seen[canary.id] = idNode.mark?.line ?? 0
                canaries.append(canary)
            }
        }
        guard reader.issues.isEmpty else {
            throw ConfigError(issues: FleetConfigLoader.ordered(reader.issues, primary: path))
        }
        return CanarySuite(name: name, path: path, canaries: canaries)
    }

    /// `samples/canaries/math.yaml` -> `math`.
    static func defaultName(for path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
