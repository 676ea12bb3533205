@testable import QuantWatchDomain
import Testing

/// Where `run`, `once`, `check`, `report` and `history` look for a fleet file without `--config`.
struct ConfigDiscoveryTests {
    private func discovery(existing: Set<String>, environment: [String: String] = ["HOME": "/home/ann"])
        -> ConfigDiscovery
    {
        ConfigDiscovery(environment: environment, currentDirectory: "/work/proj", fileExists: { existing.contains($0) })
    }

    @Test func explicitConfigWinsEvenWhenOthersExist() throws {
        let found = try discovery(existing: ["/work/proj/quantwatch.yaml"]).locate(explicit: "other.yaml")
        #expect(found == ConfigDiscovery.Found(path: "other.yaml", discovered: false))
    }

    @Test func workingDirectoryComesBeforeTheUserConfig() throws {
        let both: Set = ["/work/proj/quantwatch.yaml", "/home/ann/.config/quantwatch/fleet.yaml"]
        #expect(try discovery(existing: both).locate(explicit: nil).path == "/work/proj/quantwatch.yaml")
    }

    @Test func userConfigIsFoundUnderDotConfigWhenXDGIsUnset() throws {
        let found = try discovery(existing: ["/home/ann/.config/quantwatch/fleet.yaml"]).locate(explicit: nil)
        #expect(found == ConfigDiscovery.Found(path: "/home/ann/.config/quantwatch/fleet.yaml", discovered: true))
    }

    @Test func userConfigFollowsXDGConfigHome() throws {
        let environment = ["HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg"]
        let found = try discovery(existing: ["/cfg/quantwatch/fleet.yaml"], environment: environment)
            .locate(explicit: nil)
        #expect(found.path == "/cfg/quantwatch/fleet.yaml")
        // Only the XDG folder counts once it is set.
        #expect(throws: ConfigDiscovery.NotFound.self) {
            try discovery(existing: ["/home/ann/.config/quantwatch/fleet.yaml"], environment: environment)
                .locate(explicit: nil)
        }
    }

    @Test func nothingFoundNamesEveryPlaceAndQuantwatchInit() {
        do {
            _ = try discovery(existing: []).locate(explicit: nil)
            Issue.record("found a fleet file where none exists")
        } catch {
            #expect(error.searched == ["/work/proj/quantwatch.yaml", "/home/ann/.config/quantwatch/fleet.yaml"])
            #expect(error.description.contains("quantwatch init"))
            #expect(error.description.contains("/work/proj/quantwatch.yaml"))
        }
    }
}
