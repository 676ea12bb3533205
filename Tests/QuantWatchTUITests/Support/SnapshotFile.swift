import Foundation
import Testing

/// Compares screen text with `Snapshots/<name>.txt`; records the file when missing or when RECORD_SNAPSHOTS=1
/// (and then fails, so a new snapshot is always looked at once before it is trusted).
enum SnapshotFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func check(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("\(name).txt")
        // A frame of `|` at both ends keeps trailing blanks visible and diffable.
        let text = lines.map { "|\($0)|" }.joined(separator: "\n") + "\n"
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do {
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded snapshot \(name).txt; check it by eye and run again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        if stored != text {
            let expected = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
            var report = ["snapshot \(name).txt differs (RECORD_SNAPSHOTS=1 to re-record):"]
            for index in 0..<max(expected.count, actual.count) {
                let old = index < expected.count ? String(expected[index]) : "<none>"
                let new = index < actual.count ? String(actual[index]) : "<none>"
                if old != new { report += ["- \(old)", "+ \(new)"] }
            }
            Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
        }
    }
}
