import ArgumentParser
import Foundation
import QuantWatchDomain

/// `--config F`, shared by the commands that read a fleet file; without it the file is discovered
/// (`./quantwatch.yaml`, then `$XDG_CONFIG_HOME/quantwatch/fleet.yaml`).
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: "Fleet file (YAML). Default: ./quantwatch.yaml, else $XDG_CONFIG_HOME/quantwatch/fleet.yaml.")
    var config: String?

    /// The fleet file to use; a discovered one is named on stderr (before any dashboard owns the terminal).
    ///
    /// None found: the searched places and `quantwatch init` on stderr, exit 3.
    func path() throws -> String {
        do {
            let found = try ConfigDiscovery.live().locate(explicit: config)
            if found.discovered { StandardError.print("quantwatch: using fleet file \(found.path)") }
            return found.path
        } catch {
            StandardError.print("quantwatch: \(error.description)")
            throw ExitStatus.configError
        }
    }

    /// Loads and validates the fleet file; on any error prints every issue to stderr and exits 3.
    func load() throws -> FleetConfig {
        let path = try path()
        do {
            return try FleetConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment)
        } catch {
            StandardError.print(error.description)
            throw ExitStatus.configError
        }
    }
}
