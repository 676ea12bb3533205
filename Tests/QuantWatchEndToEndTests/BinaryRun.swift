import Foundation
import QuantWatchTestSupport

/// One run of the built `quantwatch` binary to its end, with its own environment and working directory.
struct BinaryRun: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `quantwatch arguments…`; `environment` entries replace the test process's own (HOME, XDG_*), so a
    /// child never writes into the real user's folders.
    static func quantwatch(
        _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil
    ) async throws -> BinaryRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BuiltBinary.quantwatch())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Blocking reads stay off the cooperative pool (2 threads on CI), where they would stall other tests.
        return await withCheckedContinuation { continuation in
            Thread {
                let errorData = ErrorDrain(errors.fileHandleForReading)
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: BinaryRun(
                        status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                        stderr: String(decoding: errorData.finish(), as: UTF8.self)))
            }.start()
        }
    }
}

/// Reads a pipe to its end on its own thread, so a child filling stderr never blocks on it.
private final class ErrorDrain: @unchecked Sendable {
    // Written once by the reading thread before `done` is signalled, read only after: the semaphore orders them.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
