import Foundation
import QuantWatchStore
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGKILL a writer in the middle of its batches: the file stays sound and loses at most the uncommitted batch.
struct StoreCrashTests {
    /// One committed-batch line of `quantwatch-fixtures store-writer`.
    private struct Commit {
        var committed: Int
        var generated: Int
        var at: ContinuousClock.Instant
    }

    /// Results per second: low enough for a debug build on a loaded machine to keep up, high enough that a commit
    /// (about a second's worth of rows with logprobs) takes long enough for some kills to land inside it.
    private static let rate = 5_000

    @Test(.timeLimit(.minutes(3)))
    func killedWriterLosesAtMostItsLastBatch() async throws {
        let binary = try StoreTestSupport.fixturesBinary()
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/crash.sqlite"
        var stored = 0
        // Several rounds, each reopening what the previous kill left (WAL recovery included).
        for round in 0..<4 {
            let (commits, killedAt) = try await runAndKill(binary: binary, path: path, round: round)
            let reader = try StoreReader(path: path)
            #expect(try reader.integrityCheck() == ["ok"], "round \(round)")
            let count = try reader.resultCount()
            let last = try #require(commits.last)
            // Everything the writer saw committed survived the kill.
            #expect(count - stored >= last.committed, "round \(round): \(count - stored) < \(last.committed)")
            // So only rows generated after the last commit can be lost: the batch still in memory. Batches are
            // committed about every second: at no commit did much more than that wait in memory (generous bounds:
            // the machine may be loaded).
            for commit in commits {
                #expect(commit.generated - commit.committed <= Self.rate * 3, "round \(round): \(commit)")
            }
            let producedBound = last.generated + Int((killedAt - last.at).seconds * Double(Self.rate))
            let lost = producedBound - (count - stored)
            #expect(lost <= Self.rate * 4, "round \(round): lost up to \(lost) rows")
            stored = count
        }
    }

    /// Starts the writer, waits for a few commits, kills it at a random moment; returns its commit lines.
    private func runAndKill(
        binary: String, path: String, round: Int
    ) async throws -> (commits: [Commit], killedAt: ContinuousClock.Instant) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["store-writer", "--db", path, "--rate", String(Self.rate)]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let lines = LineCollector(output.fileHandleForReading)
        let errorLines = LineCollector(errors.fileHandleForReading)
        do {
            try await lines.wait(timeout: .seconds(60), "3 committed batches (round \(round))") { seen in
                seen.filter { $0.text.hasPrefix("committed ") }.count >= 3
            }
        } catch {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestFailure("\(error); stderr: \(errorLines.lines.map(\.text).joined(separator: " | "))")
        }
        // A random moment, so some kills land inside a write transaction.
        try await Task.sleep(for: .milliseconds(Int.random(in: 0..<1_000)))
        let killedAt = ContinuousClock.now
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        try await lines.wait(timeout: .seconds(10), "end of output") { _ in lines.finished }
        let commits = lines.lines.compactMap { line -> Commit? in
            let words = line.text.split(separator: " ")
            guard words.count == 4, words[0] == "committed", let committed = Int(words[1]),
                let generated = Int(words[3])
            else { return nil }
            return Commit(committed: committed, generated: generated, at: line.at)
        }
        return (commits, killedAt)
    }
}
