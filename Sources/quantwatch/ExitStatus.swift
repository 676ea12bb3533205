import ArgumentParser
import QuantWatchDomain

/// Exit codes of `once` and friends: 0 ok, 1 warning, 2 critical, 3 config or usage error.
enum ExitStatus {
    static let configError = ExitCode(3)

    static func forState(_ state: AlertState) -> ExitCode {
        switch state {
        case .ok, .unknown: .success
        case .warning: ExitCode(1)
        case .critical: ExitCode(2)
        }
    }
}
