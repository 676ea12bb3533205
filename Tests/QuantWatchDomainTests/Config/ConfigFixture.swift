import Foundation
import QuantWatchDomain

/// A temporary folder holding a fleet file's suites, removed when the fixture goes away.
final class ConfigFixture {
    let folder: String

    /// A minimal valid suite, written as `s.yaml` in every fixture.
    static let suite = """
        name: tiny
        canaries:
          - id: one
            prompt: "Say 1."
            scorer: {numeric: 1}
        """

    init() throws {
        folder =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("quantwatch-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write("s.yaml", Self.suite)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Path of the fleet file in this folder (it need not exist: `parse` takes the text).
    var fleetPath: String { folder + "/fleet.yaml" }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }

    /// Parses `yaml` as `fleet.yaml` in this folder.
    func parse(_ yaml: String, environment: [String: String] = [:]) -> Result<FleetConfig, ConfigError> {
        do {
            return .success(try FleetConfigLoader.parse(yaml: yaml, path: fleetPath, environment: environment))
        } catch {
            return .failure(error)
        }
    }

    /// The issues `yaml` produces (empty when it loads).
    func issues(_ yaml: String, environment: [String: String] = [:]) -> [ConfigIssue] {
        switch parse(yaml, environment: environment) {
        case .success: return []
        case .failure(let error): return error.issues
        }
    }
}
