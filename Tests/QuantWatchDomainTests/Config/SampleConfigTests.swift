import Foundation
import QuantWatchDomain
import Testing

/// Every fleet file and canary suite shipped in samples/ loads cleanly.
struct SampleConfigTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    /// Dummy values: the loader only checks that the variables are set.
    static let environment = [
        "ANTHROPIC_API_KEY": "dummy", "OPENAI_API_KEY": "dummy", "TOGETHER_API_KEY": "dummy", "HOME": "/tmp",
    ]

    @Test(arguments: [
        "fleet-local.yaml", "fleet-mixed.yaml", "fleet-remote.yaml", "fleet-sim.yaml", "fleet-llamacpp.yaml",
    ])
    func fleetLoads(name: String) throws {
        let config = try FleetConfigLoader.load(path: Self.samples + "/" + name, environment: Self.environment)
        #expect(!config.targets.isEmpty)
        for target in config.targets {
            #expect(!config.canaries(for: target).isEmpty, "target \(target.id) has no canaries")
            if let baseline = target.baseline { #expect(config.targets.contains { $0.id == baseline }) }
        }
    }

    @Test(arguments: ["general", "math", "coding", "reasoning"])
    func suiteLoadsWithTwelveCanaries(name: String) throws {
        let suite = try CanarySuiteLoader.load(path: Self.samples + "/canaries/\(name).yaml")
        #expect(suite.name == name)
        #expect(suite.canaries.count >= 12)
        #expect(suite.canaries.allSatisfy { $0.category == name })
        #expect(suite.canaries.allSatisfy { $0.maxTokens <= 32 })
    }

    @Test func suitesMixScorers() throws {
        var kinds: Set<String> = []
        for name in ["general", "math", "coding", "reasoning"] {
            for canary in try CanarySuiteLoader.load(path: Self.samples + "/canaries/\(name).yaml").canaries {
                kinds.insert(String(describing: canary.scorer).prefix { $0 != "(" }.description)
            }
        }
        #expect(kinds == ["exact", "contains", "regex", "numeric", "choice", "jsonField"])
    }

    @Test func localFleetHasQuantsAgainstFP16() throws {
        let config = try FleetConfigLoader.load(path: Self.samples + "/fleet-local.yaml", environment: [:])
        #expect(config.targets.map(\.quant) == ["F16", "Q8_0", "Q4_K_M"])
        #expect(config.targets.map(\.baseline) == [nil, "llama3-fp16", "llama3-fp16"])
        #expect(config.targets[2].alerts.agreementFloor == 0.75)
        #expect(config.targets[1].alerts.agreementFloor == 0.85)
        #expect(config.suites.count == 4)
        #expect(config.targets.allSatisfy { $0.suitePaths.count == 4 && $0.topLogprobs == 5 })
    }

    @Test func mixedFleetNeedsItsKey() {
        #expect(throws: ConfigError.self) {
            try FleetConfigLoader.load(path: Self.samples + "/fleet-mixed.yaml", environment: [:])
        }
    }
}
