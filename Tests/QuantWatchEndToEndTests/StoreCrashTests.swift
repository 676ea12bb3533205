import Foundation
import QuantWatchCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGKILL a writer in the middle of its batches: the file stays sound and loses at most the uncommitted batch.
struct StoreCrashTests {
    /// One committed-batch line of `quantwatch store-writer`.
    private struct Commit {
        var committed: Int
        var generated: Int
        var at: ContinuousClock.Instant
    }

    private static let rate = 20_000

    @Test(.timeLimit(.minutes(3)))
    func killedWriterLosesAtMostItsLastBatch() async throws {
        let binary = try StoreTestSupport.quantwatchBinary()
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/crash.sqlite"
        var stored = 0
        // Several rounds, each reopening what the previous kill left (WAL recovery included).
        for round in 0..<3 {
            let (commits, killedAt) = try await runAndKill(binary: binary, path: path, round: round)
            let reader = try StoreReader(path: path)
            #expect(try reader.integrityCheck() == ["ok"], "round \(round)")
            let count = try reader.resultCount()
            let last = try #require(commits.last)
            // Everything the writer saw committed survived the kill.
            #expect(count - stored >= last.committed, "round \(round): \(count - stored) < \(last.committed)")
            // At no commit did more than about a second of results wait in memory.
            for commit in commits {
                #expect(commit.generated - commit.committed <= Self.rate * 3 / 2, "round \(round): \(commit)")
            }
            // Rows lost = produced before the kill but not on disk: at most one interval's worth (with slack for a
            // loaded machine), never the whole run.
            let producedBound = last.generated + Int((killedAt - last.at).seconds * Double(Self.rate))
            let lost = producedBound - (count - stored)
            #expect(lost <= Self.rate * 5 / 2, "round \(round): lost up to \(lost) rows")
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
