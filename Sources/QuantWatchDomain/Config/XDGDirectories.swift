import Foundation

/// The XDG base directories quantwatch uses, from an environment.
///
/// The spec says a relative value is invalid and must be ignored, so only absolute values count.
public struct XDGDirectories: Sendable, Equatable {
    public var configHome: String
    public var stateHome: String

    public init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func directory(_ variable: String, fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(fallback)
        }
        configHome = directory("XDG_CONFIG_HOME", fallback: ".config")
        stateHome = directory("XDG_STATE_HOME", fallback: ".local/state")
    }
}
