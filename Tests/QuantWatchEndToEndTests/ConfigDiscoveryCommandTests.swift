import Foundation
import Testing

/// The commands that read a fleet file, run with no `--config` and no fleet file anywhere.
struct ConfigDiscoveryCommandTests {
    @Test(
        .timeLimit(.minutes(2)),
        arguments: [
            ["run", "--headless"], ["once"], ["check"], ["report", "--baseline", "a", "--target", "b"], ["history"],
        ])
    func noFleetFileIsExit3NamingTheSearchedPlacesAndInit(arguments: [String]) async throws {
        let home = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try await BinaryRun.quantwatch(
            arguments, environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/config"], in: home)
        #expect(run.status == 3)
        #expect(run.stderr.contains("\(home)/quantwatch.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("\(home)/config/quantwatch/fleet.yaml"))
        #expect(run.stderr.contains("quantwatch init"))
        #expect(!run.stderr.contains("Error:"), "a stack or ArgumentParser's generic error: \(run.stderr)")
    }

    @Test(.timeLimit(.minutes(2)))
    func userConfigIsFoundAndNamed() async throws {
        let home = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let folder = home + "/config/quantwatch"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A fleet file with an error: the point is which file is read, and that its error names it.
        try "targets: []\n".write(toFile: folder + "/fleet.yaml", atomically: true, encoding: .utf8)
        let run = try await BinaryRun.quantwatch(
            ["check"], environment: ["HOME": home, "XDG_CONFIG_HOME": home + "/config"], in: home)
        #expect(run.status == 3)
        #expect(run.stderr.contains("using fleet file \(folder)/fleet.yaml"), "\(run.stderr)")
        #expect(run.stderr.contains("\(folder)/fleet.yaml:"), "\(run.stderr)")
    }
}
