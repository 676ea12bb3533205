@testable import QuantWatchBackends
@testable import QuantWatchDomain
import Testing

struct CanaryRotationTests {
    private func canary(_ id: String, _ category: String) -> Canary {
        Canary(id: id, category: category, messages: [.init(role: .user, content: id)], scorer: .exact(id))
    }

    @Test func everyCategoryIsAskedBeforeAnyIsAskedTwice() {
        let suites = [
            canary("g1", "general"), canary("g2", "general"), canary("g3", "general"),
            canary("m1", "math"), canary("m2", "math"),
            canary("c1", "coding"),
        ]
        let order = CanaryRotation.interleavedByCategory(suites).map(\.id)
        #expect(order == ["g1", "m1", "c1", "g2", "m2", "g3"])
    }

    @Test func theRotationKeepsEveryCanaryExactlyOnce() {
        let suites = (0..<40).map { canary("q\($0)", ["a", "b", "c"][$0 % 7 % 3]) }
        let order = CanaryRotation.interleavedByCategory(suites)
        #expect(order.count == suites.count)
        #expect(Set(order.map(\.id)) == Set(suites.map(\.id)))
        #expect(CanaryRotation.interleavedByCategory([]).isEmpty)
    }
}
