import ArgumentParser
import Foundation
import QuantWatchCore

/// `--config F`, shared by the commands that read a fleet file.
struct ConfigOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Fleet file (YAML).")
    var config: String

    /// Loads and validates the fleet file; on any error prints every issue to stderr and exits 3.
    func load() throws -> FleetConfig {
        do {
            return try FleetConfigLoader.load(path: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            StandardError.print(error.description)
            throw ExitStatus.configError
        }
    }
}
