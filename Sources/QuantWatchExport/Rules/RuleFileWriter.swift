import QuantWatchDomain

/// Writes a Prometheus rule file by hand, in a fixed order, so the output is stable and diffs read well.
struct RuleFileWriter {
    private(set) var text = ""

    mutating func line(_ line: String) {
        text += line + "\n"
    }

    mutating func group(name: String, interval: String?) {
        line("  - name: \(name)")
        if let interval { line("    interval: \(interval)") }
        line("    rules:")
    }

    mutating func recording(record: String, expr: String) {
        line("      - record: \(record)")
        field("expr", expr)
    }

    mutating func alerting(_ rule: AlertingRule) {
        line("      - alert: \(rule.alert)")
        field("expr", rule.expr)
        if rule.forSeconds > 0 { line("        for: \(rule.forSeconds)s") }
        line("        labels:")
        line("          severity: \(rule.severity)")
        line("          rule: \(rule.rule)")
        line("        annotations:")
        line("          summary: \(Self.quoted(rule.summary))")
    }

    /// A single-line value in single quotes, a multi-line one as a literal block.
    private mutating func field(_ key: String, _ value: String) {
        if value.contains("\n") {
            line("        \(key): |-")
            for part in value.split(separator: "\n") { line("          \(part)") }
        } else {
            line("        \(key): \(Self.quoted(value))")
        }
    }

    /// A YAML single-quoted scalar (only the quote itself needs escaping there).
    static func quoted(_ value: String) -> String {
        "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
