import Foundation
import QuantWatchTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Helpers for the store, exporter and delivery end-to-end tests.
enum StoreTestSupport {
    /// The built `quantwatch` executable (see `BuiltBinary`).
    static func quantwatchBinary() throws -> String { try BuiltBinary.quantwatch() }

    /// The test-only `quantwatch-fixtures` (its `store-writer` is what the crash test kills).
    static func fixturesBinary() throws -> String { try BuiltBinary.fixtures() }

    /// A new empty directory under the temp dir.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "quantwatch-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An executable found on PATH (or in the usual system folders).
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin"]
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (for programs that cannot report a port-0 bind).
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw TestFailure("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestFailure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A plain failure with a message, for setup problems a test must report clearly.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Splits a child's output into lines as they arrive, on its own thread; lines are stamped with arrival time.
final class LineCollector: Sendable {
    struct Line: Sendable {
        var text: String
        var at: ContinuousClock.Instant
    }

    private let state = Mutex<(lines: [Line], finished: Bool)>(([], false))

    init(_ handle: FileHandle) {
        Thread { [self] in
            var partial = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                partial.append(chunk)
                while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
                    let text = String(decoding: partial[partial.startIndex..<newline], as: UTF8.self)
                    partial = Data(partial[(newline + 1)...])
                    self.state.withLock { $0.lines.append(Line(text: text, at: .now)) }
                }
            }
            self.state.withLock { $0.finished = true }
        }.start()
    }

    var lines: [Line] { state.withLock { $0.lines } }
    var finished: Bool { state.withLock { $0.finished } }

    /// Waits (polling) until `condition` holds for the lines so far, or throws after `timeout`.
    func wait(
        timeout: Duration, _ what: String, until condition: ([Line]) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(lines) {
            guard ContinuousClock.now < deadline else {
                throw TestFailure("timed out waiting for \(what); output so far: \(lines.suffix(5).map(\.text))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
