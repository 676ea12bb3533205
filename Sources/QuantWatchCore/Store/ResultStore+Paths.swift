import Foundation

extension ResultStore {
    /// `$XDG_STATE_HOME/quantwatch/quantwatch.sqlite`, falling back to `~/.local/state/quantwatch/quantwatch.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let stateHome: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            // The XDG spec says relative values are invalid and must be ignored.
            stateHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            stateHome = (home as NSString).appendingPathComponent(".local/state")
        }
        return ((stateHome as NSString).appendingPathComponent("quantwatch") as NSString)
            .appendingPathComponent("quantwatch.sqlite")
    }
}
