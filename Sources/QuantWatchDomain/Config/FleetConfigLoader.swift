import Yams

/// Loads a fleet YAML file into a validated `FleetConfig`, reporting every problem at once with file:line:col.
public enum FleetConfigLoader {
    static let topLevelKeys = ProbeSettings.keys + ["concurrency", "keys", "targets"]

    /// Reads and validates the fleet file at `path`; `environment` is where `api_key_env` variables are looked up
    /// (pass `ProcessInfo.processInfo.environment`). Suite paths are resolved against the file's folder.
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> FleetConfig {
        switch TextFile.read(path) {
        case .failure(let error):
            let issue = ConfigIssue(
                file: path, line: 0, column: 0, message: "cannot read the fleet file: \(error.reason)")
            throw ConfigError(issues: [issue])
        case .success(let text):
            return try parse(yaml: text, path: path, environment: environment)
        }
    }

    /// Validates fleet YAML given as text; `path` names it in messages and anchors relative suite paths.
    public static func parse(yaml: String, path: String, environment: [String: String]) throws(ConfigError)
        -> FleetConfig
    {
        var reader = NodeReader(file: path)
        let root = try YAMLDocument.root(
            yaml, file: path, emptyMessage: "the fleet file is empty: it needs at least a 'targets' list")
        guard let fields = reader.fields(of: root, allowed: topLevelKeys, what: "the fleet file") else {
            throw ConfigError(issues: reader.issues)
        }
        let folder = PathResolver.folder(of: path)
        let fleet = reader.probeSettings(fields, folder: folder, environment: environment)
        let concurrency = reader.int(fields, "concurrency", in: 1...4_096) ?? 8
        let keys = reader.keyBindings(fields)
        let drafts = reader.targetDrafts(fields, root: root, folder: folder, environment: environment)

        let defaults = FleetDefaults(settings: fleet, suitesGiven: fields.has("suite") || fields.has("suites"))
        reader.checkConsistency(defaults.alerts, at: fleet.alertsNode ?? fields.keyNode("alerts"))
        reader.checkConsistency(defaults.retry, at: fleet.retriesNode)
        reader.checkIdentities(drafts)
        reader.checkBaselines(drafts)
        reader.checkEnvironment(drafts, environment: environment)

        let targets = drafts.compactMap { reader.resolve($0, defaults: defaults) }
        let suites = reader.loadSuites(drafts: drafts, defaults: defaults)
        reader.checkCanaryIds(drafts: drafts, defaults: defaults, suites: suites)

        guard reader.issues.isEmpty else {
            throw ConfigError(issues: ordered(reader.issues, primary: path))
        }
        return FleetConfig(
            path: path, targets: targets, suites: suites, concurrency: concurrency, alerts: defaults.alerts, keys: keys)
    }

    /// Issues of the fleet file first, then each suite file in order of first mention, each by line and column.
    static func ordered(_ issues: [ConfigIssue], primary: String) -> [ConfigIssue] {
        var rank: [String: Int] = [primary: 0]
        for issue in issues where rank[issue.file] == nil { rank[issue.file] = rank.count }
        return issues.enumerated().sorted { lhs, rhs in
            let a = (rank[lhs.element.file] ?? 0, lhs.element.line, lhs.element.column, lhs.offset)
            let b = (rank[rhs.element.file] ?? 0, rhs.element.line, rhs.element.column, rhs.offset)
            return a < b
        }.map(\.element)
    }
}
