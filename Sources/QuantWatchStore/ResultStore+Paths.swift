import Foundation
import QuantWatchDomain

extension ResultStore {
    /// The folder of every default database: `$XDG_STATE_HOME/quantwatch`, else `~/.local/state/quantwatch`.
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (XDGDirectories(environment: environment).stateHome as NSString).appendingPathComponent("quantwatch")
    }

    /// The default database of one fleet file: `<state>/<folder>-<stem>-<hash>.sqlite`.
    ///
    /// One file per fleet, so two fleets (or a fleet and an experiment) never restore each other's rows. The name
    /// starts readable (the fleet file's folder and stem) and ends in a hash of its absolute path, so two
    /// `quantwatch.yaml` in folders of the same name still get two databases.
    /// - Parameters:
    ///   - fleetPath: the fleet file; a relative path is taken from `currentDirectory`.
    public static func defaultPath(
        forFleet fleetPath: String, currentDirectory: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        let absolute = PathResolver.resolve(fleetPath, relativeTo: currentDirectory, environment: environment)
        let url = URL(fileURLWithPath: absolute)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent().lastPathComponent
        let readable = [folder, stem].map(safeName).filter { !$0.isEmpty }.joined(separator: "-")
        let name = "\(readable.prefix(48))-\(pathHash(absolute)).sqlite"
        return (stateDirectory(environment: environment) as NSString).appendingPathComponent(name)
    }

    /// Letters, digits, `.`, `_` and `-` kept, runs of anything else made one `_`, dots at the ends dropped.
    private static func safeName(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber || "._-".contains(character) {
                result.append(character)
            } else if result.last != "_" {
                result.append("_")
            }
        }
        return result.trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// 8 hex digits of FNV-1a 64 over the path's UTF-8: stable across runs and machines (`hashValue` is seeded per
    /// process).
    private static func pathHash(_ path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
