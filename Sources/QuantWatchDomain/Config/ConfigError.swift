/// Every problem found while loading a fleet file or a canary suite, reported together.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    /// One issue per line as `path:line:col: error: message`.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
