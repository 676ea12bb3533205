@testable import QuantWatchStore
import Testing

/// Default database paths: one per fleet file, under the XDG state folder.
struct StorePathTests {
    @Test func stateDirectoryFollowsXDGStateHome() {
        #expect(ResultStore.stateDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/quantwatch")
        #expect(ResultStore.stateDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/quantwatch")
        // A relative XDG value is invalid by the spec and ignored.
        #expect(
            ResultStore.stateDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])
                == "/h/.local/state/quantwatch")
    }

    @Test func fleetDatabaseIsNamedFromTheFolderAndStemThenAHash() throws {
        let path = ResultStore.defaultPath(
            forFleet: "/srv/prod/quantwatch.yaml", currentDirectory: "/", environment: ["XDG_STATE_HOME": "/s"])
        let name = try #require(path.split(separator: "/").last)
        #expect(path.hasPrefix("/s/quantwatch/prod-quantwatch-"))
        #expect(name.hasSuffix(".sqlite"))
        let hash = name.dropFirst("prod-quantwatch-".count).dropLast(".sqlite".count)
        #expect(hash.count == 8 && hash.allSatisfy(\.isHexDigit), "\(name)")
    }

    @Test func sameFileGivesTheSamePathHoweverItIsWritten() {
        let environment = ["XDG_STATE_HOME": "/s", "HOME": "/home/ann"]
        let absolute = ResultStore.defaultPath(
            forFleet: "/home/ann/fleets/a.yaml", currentDirectory: "/", environment: environment)
        let relative = ResultStore.defaultPath(
            forFleet: "../fleets/./a.yaml", currentDirectory: "/home/ann/work", environment: environment)
        let tilde = ResultStore.defaultPath(
            forFleet: "~/fleets/a.yaml", currentDirectory: "/", environment: environment)
        #expect(absolute == relative)
        #expect(absolute == tilde)
    }

    @Test func twoFleetsWithTheSameNamesGetTwoDatabases() {
        let environment = ["XDG_STATE_HOME": "/s"]
        let first = ResultStore.defaultPath(forFleet: "/a/prod/quantwatch.yaml", environment: environment)
        let second = ResultStore.defaultPath(forFleet: "/b/prod/quantwatch.yaml", environment: environment)
        #expect(first != second)
        #expect(first.hasPrefix("/s/quantwatch/prod-quantwatch-"))
        #expect(second.hasPrefix("/s/quantwatch/prod-quantwatch-"))
    }

    @Test func oddCharactersInTheNameBecomeUnderscores() {
        let path = ResultStore.defaultPath(
            forFleet: "/x/my fleet (test)/flotte été.yaml", environment: ["XDG_STATE_HOME": "/s"])
        #expect(path.hasPrefix("/s/quantwatch/my_fleet_test_-flotte_t_-"), "\(path)")
        #expect(!path.dropFirst("/s/quantwatch/".count).contains("/"))
    }
}
