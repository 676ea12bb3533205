import Foundation
import QuantWatchStore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// However a headless run ends (SIGTERM, SIGINT, `--duration`), the store consumer drains its subscription before
/// the process exits: every result and event printed as a JSON line is also a row in the database.
@Suite(.serialized)
struct ShutdownDrainTests {
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case sigterm, sigint, duration

        var testDescription: String { rawValue }
    }

    @Test(.timeLimit(.minutes(2)), arguments: Ending.allCases)
    func everyPrintedResultIsStored(_ ending: Ending) async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/drain.sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try StoreTestSupport.quantwatchBinary())
        // A short interval keeps results coming while the run stops, so some are still buffered for the store.
        var arguments = ["demo", "--headless", "--interval", "100ms", "--db", path, "--summary-every", "1s"]
        if ending == .duration { arguments += ["--duration", "4s"] }
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let lines = LineCollector(output.fileHandleForReading)
        let errorLines = LineCollector(errors.fileHandleForReading)
        switch ending {
        case .sigterm, .sigint:
            do {
                try await lines.wait(timeout: .seconds(60), "40 results") { seen in
                    seen.filter { $0.text.contains(#""type":"result""#) }.count >= 40
                }
            } catch {
                kill(process.processIdentifier, SIGKILL)
                throw error
            }
            kill(process.processIdentifier, ending == .sigterm ? SIGTERM : SIGINT)
        case .duration:
            break
        }
        try await lines.wait(timeout: .seconds(60), "the end of the output") { _ in lines.finished }
        try await errorLines.wait(timeout: .seconds(10), "the end of stderr") { _ in errorLines.finished }
        let exited = await withCheckedContinuation { continuation in
            Thread {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }.start()
        }
        #expect(exited == 0, "stderr: \(errorLines.lines.map(\.text))")

        let records = try lines.lines.map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        let printedResults = records.filter { $0["type"] as? String == "result" }.count
        let printedEvents = records.filter { $0["type"] as? String == "event" }.count
        #expect(printedResults >= (ending == .duration ? 10 : 40))
        // The run ends with a summary whose consumer figures say nothing was lost.
        let last = try #require(records.last)
        #expect(last["type"] as? String == "snapshot")
        let outputs = try #require(last["outputs"] as? [[String: Any]], "\(last.keys)")
        #expect(Set(outputs.compactMap { $0["consumer"] as? String }) == ["store", "json"])
        #expect(outputs.allSatisfy { $0["dropped"] as? Int == 0 }, "\(outputs)")

        let reader = try StoreReader(path: path)
        #expect(try reader.resultCount() == printedResults)
        #expect(try reader.events(since: .distantPast).count == printedEvents)
    }
}
