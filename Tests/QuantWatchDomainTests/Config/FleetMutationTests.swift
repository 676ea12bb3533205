import Foundation
import QuantWatchDomain
import Testing

/// Damaged fleet files never crash the loader, and every issue points inside the file.
struct FleetMutationTests {
    @Test(arguments: ["fleet-local.yaml", "fleet-mixed.yaml", "fleet-remote.yaml"])
    func everyOneLineDeletionLoadsOrReportsLocatedIssues(name: String) throws {
        let path = SampleConfigTests.samples + "/" + name
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        for removed in lines.indices {
            var damaged = lines
            damaged.remove(at: removed)
            expectLocated(damaged.joined(separator: "\n"), path: path, lineCount: lines.count)
        }
    }

    @Test(arguments: ["fleet-local.yaml", "fleet-mixed.yaml", "fleet-remote.yaml"])
    func everyTruncationLoadsOrReportsLocatedIssues(name: String) throws {
        let path = SampleConfigTests.samples + "/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lineCount = text.components(separatedBy: "\n").count
        for length in stride(from: 0, through: text.count, by: 7) {
            expectLocated(String(text.prefix(length)), path: path, lineCount: lineCount)
        }
    }

    private func expectLocated(_ yaml: String, path: String, lineCount: Int) {
        do {
            let config = try FleetConfigLoader.parse(yaml: yaml, path: path, environment: SampleConfigTests.environment)
            #expect(!config.targets.isEmpty)
        } catch {
            #expect(!error.issues.isEmpty)
            for issue in error.issues where issue.file == path {
                #expect((0...lineCount + 1).contains(issue.line), "\(issue)")
            }
        }
    }
}
