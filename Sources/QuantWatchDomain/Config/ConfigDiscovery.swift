import Foundation

/// Finds the fleet file when `--config` is not given: `./quantwatch.yaml`, then
/// `$XDG_CONFIG_HOME/quantwatch/fleet.yaml` (`~/.config/quantwatch/fleet.yaml` when unset).
///
/// Pure: the environment, the working directory and the file test are injected, so the order is testable
/// without touching the disk.
public struct ConfigDiscovery: Sendable {
    /// A fleet file chosen, and whether the user named it or it was found.
    public struct Found: Sendable, Equatable {
        public var path: String
        public var discovered: Bool
    }

    /// No `--config` and none of the places holds a fleet file.
    public struct NotFound: Error, Sendable, Equatable, CustomStringConvertible {
        public var searched: [String]

        public var description: String {
            "no fleet file: --config not given and none of "
                + searched.joined(separator: ", ")
                + " exists. Run `quantwatch init` to write a starter fleet (it finds local llama.cpp, Ollama "
                + "and vLLM servers), or pass --config FILE."
        }
    }

    public var environment: [String: String]
    public var currentDirectory: String
    public var fileExists: @Sendable (String) -> Bool

    public init(
        environment: [String: String], currentDirectory: String,
        fileExists: @escaping @Sendable (String) -> Bool
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.fileExists = fileExists
    }

    /// The process's own environment, working directory and file system.
    public static func live() -> ConfigDiscovery {
        ConfigDiscovery(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            fileExists: { FileManager.default.fileExists(atPath: $0) })
    }

    /// The places searched, in order.
    public var candidates: [String] {
        [
            (currentDirectory as NSString).appendingPathComponent("quantwatch.yaml"),
            (XDGDirectories(environment: environment).configHome as NSString)
                .appendingPathComponent("quantwatch/fleet.yaml"),
        ]
    }

    /// The explicit path when given (not checked here: the loader reports a missing file with its reason),
    /// else the first candidate that exists.
    public func locate(explicit: String?) throws(NotFound) -> Found {
        if let explicit { return Found(path: explicit, discovered: false) }
        let searched = candidates
        guard let first = searched.first(where: fileExists) else { throw NotFound(searched: searched) }
        return Found(path: first, discovered: true)
    }
}
