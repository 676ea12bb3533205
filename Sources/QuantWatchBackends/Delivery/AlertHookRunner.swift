import Foundation
import Logging
import Subprocess

/// Runs the `on_alert` command through `/bin/sh -c` with the event in QUANTWATCH_* variables, killing it after a
/// timeout. Its output is discarded: stdout may belong to the TUI.
struct AlertHookRunner: Sendable {
    let command: String
    let timeout: Duration
    let logger: Logger

    /// True when the command exited 0 in time.
    func run(_ payload: AlertPayload) async -> Bool {
        var overrides: [Environment.Key: String?] = [:]
        for (key, value) in payload.environment {
            overrides[Environment.Key(stringLiteral: key)] = value
        }
        let environment = Environment.inherit.updating(overrides)
        let command = command
        let timeout = timeout
        do {
            let status = try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path("/bin/sh"), arguments: ["-c", command],
                        environment: environment, output: .discarded, error: .discarded
                    )
                    return result.terminationStatus
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                // Whichever ends first; cancelling the other kills the command if it is still running.
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let status else {
                logger.error("on_alert command timed out and was killed", metadata: ["timeout": "\(timeout)"])
                return false
            }
            guard status.isSuccess else {
                logger.error(
                    "on_alert command failed", metadata: ["status": "\(status)", "target": "\(payload.target)"]
                )
                return false
            }
            return true
        } catch {
            logger.error("on_alert command could not run", metadata: ["error": "\(error)"])
            return false
        }
    }
}
