import Testing

@testable import QuantWatchDomain

/// `run --targets GLOB,...`: a probe watches part of the fleet, with the live baselines its targets need.
struct TargetSelectionTests {
    static let fleet = FleetConfig(
        path: "fleet.yaml",
        targets: [
            TargetConfig(id: "eu-f16", backend: .llamacpp, url: "http://127.0.0.1:1"),
            TargetConfig(id: "eu-q4", backend: .llamacpp, url: "http://127.0.0.1:2", baseline: "eu-f16"),
            TargetConfig(id: "us-f16", backend: .llamacpp, url: "http://127.0.0.1:3"),
            TargetConfig(id: "us-q4", backend: .llamacpp, url: "http://127.0.0.1:4", baseline: "us-f16"),
        ], suites: [:])

    @Test func globsPickTargetsAndTheirBaselinesInFleetOrder() throws {
        let selected = try TargetSelection(parsing: "us-q?, eu-f16").apply(to: Self.fleet)
        #expect(selected.targets.map(\.id) == ["eu-f16", "us-f16", "us-q4"])
        #expect(try TargetSelection(parsing: "eu-*").apply(to: Self.fleet).targets.map(\.id) == ["eu-f16", "eu-q4"])
        #expect(try TargetSelection(parsing: "[u]s-f16").apply(to: Self.fleet).targets.map(\.id) == ["us-f16"])
    }

    @Test func aPatternMatchingNothingIsAnErrorNamingTheTargets() {
        let error = #expect(throws: TargetSelectionError.self) {
            try TargetSelection(parsing: "eu-*,ap-*").apply(to: Self.fleet)
        }
        #expect(error?.description == "--targets: 'ap-*' matches no target (targets: eu-f16, eu-q4, us-f16, us-q4)")
        #expect(TargetSelection(parsing: " , ").patterns.isEmpty)
    }
}
