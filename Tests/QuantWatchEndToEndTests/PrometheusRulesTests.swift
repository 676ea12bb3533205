import Foundation
import QuantWatchDomain
import QuantWatchExport
import QuantWatchTestSupport
import Testing

/// `quantwatch rules` against a real promtool.
///
/// The committed sample rule file is what the generator writes for samples/fleet-sim.yaml, `promtool check rules` accepts it, and the committed unit tests
/// (samples/prometheus/rules.test.yaml) pass: quiet on a steady fleet for hours, every alert firing on a regressed
/// one. The same tests fail against rules with a looser threshold, so they do test something.
struct PrometheusRulesTests {
    static let root = BuiltBinary.packageRoot()
    static let samples = root.appendingPathComponent("samples/prometheus")

    static func sampleFleet(alerts: String? = nil) throws -> FleetConfig {
        let path = root.appendingPathComponent("samples/fleet-sim.yaml").path
        guard let alerts else { return try FleetConfigLoader.load(path: path, environment: [:]) }
        // The same fleet with a changed `alerts:` block, loaded from beside the original (suites resolve there).
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "alerts:\n  p99_ms: 2000\n", with: "alerts:\n\(alerts)")
        let copy = root.appendingPathComponent("samples/.rules-test-\(UUID().uuidString).yaml").path
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        return try FleetConfigLoader.load(path: copy, environment: [:])
    }

    @Test func theCommittedRuleFileIsWhatTheGeneratorWrites() throws {
        let committed = try String(
            contentsOf: Self.samples.appendingPathComponent("rules.yaml"), encoding: .utf8)
        let generated = PrometheusRules.render(try Self.sampleFleet())
        #expect(
            committed == generated,
            "samples/prometheus/rules.yaml is stale: quantwatch rules --config samples/fleet-sim.yaml -o FILE")
    }

    @Test(.timeLimit(.minutes(3)))
    func promtoolChecksTheRulesAndTheirUnitTestsPass() throws {
        let promtool = try PrometheusScrapeTests.tool("promtool")
        let check = try PrometheusScrapeTests.runTool(
            promtool, ["check", "rules", Self.samples.appendingPathComponent("rules.yaml").path], input: "")
        #expect(check.status == 0, "promtool check rules: \(check.output)")
        #expect(check.output.contains("SUCCESS"), "\(check.output)")
        let unit = try PrometheusScrapeTests.runTool(
            promtool, ["test", "rules", Self.samples.appendingPathComponent("rules.test.yaml").path], input: "")
        #expect(unit.status == 0, "promtool test rules: \(unit.output)")
        let config = try PrometheusScrapeTests.runTool(
            promtool, ["check", "config", Self.samples.appendingPathComponent("prometheus.yml").path], input: "")
        #expect(config.status == 0, "promtool check config samples/prometheus/prometheus.yml: \(config.output)")
    }

    @Test(.timeLimit(.minutes(3)))
    func theUnitTestsFailAgainstRulesThatWouldNotPage() throws {
        let promtool = try PrometheusScrapeTests.tool("promtool")
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A p99 limit of 10 s: the slow target's 6 s no longer pages, so the committed test must fail.
        let loose = PrometheusRules.render(try Self.sampleFleet(alerts: "  p99_ms: 10000\n"))
        try loose.write(toFile: directory + "/rules.yaml", atomically: true, encoding: .utf8)
        // Only the firing test (the steady one passes either way, and takes most of promtool's time).
        let tests = try String(contentsOf: Self.samples.appendingPathComponent("rules.test.yaml"), encoding: .utf8)
        let head = try #require(tests.range(of: "tests:\n"))
        let firing = try #require(tests.range(of: "  # Beside the steady target"))
        try (String(tests[..<head.upperBound]) + String(tests[firing.lowerBound...])).write(
            toFile: directory + "/rules.test.yaml", atomically: true, encoding: .utf8)
        let unit = try PrometheusScrapeTests.runTool(
            promtool, ["test", "rules", directory + "/rules.test.yaml"], input: "")
        #expect(unit.status != 0, "promtool test rules passed against a 10 s p99 limit: \(unit.output)")
        #expect(unit.output.contains("QuantwatchP99High"), "\(unit.output)")
    }
}
