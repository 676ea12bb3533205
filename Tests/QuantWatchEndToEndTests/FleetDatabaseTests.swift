import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchStore
import Testing

/// Where results are kept by default: one database per fleet file under the XDG state folder, none for the demo.
///
/// Every child gets its own HOME and XDG_STATE_HOME, so nothing here reads or writes the real user's folders.
struct FleetDatabaseTests {
    private static func isolatedHome() throws -> (home: String, environment: [String: String]) {
        let home = try StoreTestSupport.temporaryDirectory()
        return (home, ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config"])
    }

    /// Every file under a folder (none when it does not exist).
    private static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
    }

    @Test(.timeLimit(.minutes(2)))
    func demoLeavesTheDefaultDatabaseUntouched() async throws {
        let (home, environment) = try Self.isolatedHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try await BinaryRun.quantwatch(
            ["demo", "--headless", "--duration", "2s"], environment: environment, in: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"type\":\"result\""), "the demo probed nothing in 2 s")
        #expect(Self.files(under: home + "/state").isEmpty, "\(Self.files(under: home + "/state"))")
        #expect(Self.files(under: home + "/.local").isEmpty)
    }

    @Test(.timeLimit(.minutes(2)))
    func demoKeepsADatabaseWhenGivenOne() async throws {
        let (home, environment) = try Self.isolatedHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let db = home + "/demo.sqlite"
        let run = try await BinaryRun.quantwatch(
            ["demo", "--headless", "--duration", "3s", "--db", db], environment: environment, in: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(Self.files(under: home + "/state").isEmpty)
    }

    @Test(.timeLimit(.minutes(2)))
    func runWritesTheFleetsOwnDatabaseAndHistoryFindsItFromTheConfig() async throws {
        let (home, environment) = try Self.isolatedHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let sim = try await SimFleet.start(
            models: [SimModel(id: "fp16", profile: .fp16)], canaries: DemoSuite.canaries, speed: 20)
        let port = try #require(sim.servers.first?.port)
        let fleetPath = home + "/prod/quantwatch.yaml"
        try FileManager.default.createDirectory(atPath: home + "/prod", withIntermediateDirectories: true)
        try StarterSuite.yaml().write(toFile: home + "/prod/canaries.yaml", atomically: true, encoding: .utf8)
        let fleet = """
            interval: 300ms
            suite: canaries.yaml
            targets:
              - {id: sim-fp16, backend: llamacpp, url: "http://127.0.0.1:\(port)", quant: F16}

            """
        try fleet.write(toFile: fleetPath, atomically: true, encoding: .utf8)

        let run = try await BinaryRun.quantwatch(
            ["run", "--headless", "--duration", "3s"], environment: environment, in: home + "/prod")
        await sim.shutdown()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("using fleet file \(fleetPath)"))
        let expected = ResultStore.defaultPath(forFleet: fleetPath, environment: environment)
        #expect(expected.hasPrefix(home + "/state/quantwatch/prod-quantwatch-"))
        #expect(Self.files(under: home + "/state/quantwatch").contains((expected as NSString).lastPathComponent))

        // From another folder, --config names the fleet and history opens that fleet's database.
        let history = try await BinaryRun.quantwatch(
            ["history", "--config", fleetPath, "--json"], environment: environment, in: home)
        #expect(history.status == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.contains("\"target\":\"sim-fp16\"") })
    }
}
