import Foundation
import Testing

@testable import QuantWatchTUI

/// A target whose probes outlast its interval: the detail view says how many ticks its loop skipped.
struct SkippedTicksViewTests {
    private func detail(skipped: Int) -> String {
        var snapshot = Fixtures.snapshot
        if let index = snapshot.targets.firstIndex(where: { $0.id == "llama3-q4_0" }) {
            snapshot.targets[index].skippedTicks = skipped
        }
        let size = Size(width: 160, height: 48)
        let ui = Fixtures.ui(size, routes: [.dashboard, .detail(targetID: "llama3-q4_0")], snapshot: snapshot)
        return render(snapshot, ui, size: size, theme: .mono).lines.joined(separator: "\n")
    }

    @Test func theDetailViewCountsSkippedTicks() {
        #expect(detail(skipped: 4).contains("skipped 4 ticks"))
        #expect(!detail(skipped: 0).contains("skipped"))
    }
}
