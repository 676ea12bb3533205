import Foundation
import Testing

/// `quantwatch demo --headless`: the real binary, the simulated fleet over loopback HTTP, JSON lines out.
struct DemoHeadlessTests {
    @Test(.timeLimit(.minutes(2)))
    func twentySecondsOfDemoGiveResultsForEveryTargetAndAnAlert() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try StoreTestSupport.quantwatchBinary())
        process.arguments = ["demo", "--headless", "--duration", "20s", "--no-db", "--summary-every", "5s"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Blocking reads stay off the cooperative pool (2 threads on CI), where they would stall other tests.
        let data = await withCheckedContinuation { continuation in
            Thread {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }.start()
        }
        #expect(process.terminationStatus == 0)

        var resultsByTarget: [String: Int] = [:]
        var events: [[String: Any]] = []
        var summaries: [[String: Any]] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            switch object["type"] as? String {
            case "result": resultsByTarget[object["target"] as? String ?? "", default: 0] += 1
            case "event": events.append(object)
            case "snapshot": summaries.append(object)
            default: Issue.record("unknown record type in \(line)")
            }
        }
        let targets = Set(["llama8b-f16", "llama8b-q8_0", "llama8b-q4_k_m", "llama8b-q4_0", "remote-api"])
        #expect(Set(resultsByTarget.keys) == targets)
        #expect(resultsByTarget.values.allSatisfy { $0 >= 3 }, "\(resultsByTarget)")
        #expect(!events.isEmpty, "no alert transition in 20 s of demo")
        #expect(summaries.count >= 2)
        let last = try #require(summaries.last)
        #expect((last["targets"] as? [Any])?.count == 5)
    }
}
