import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchTUI

/// The detail view of a target compared against a recorded baseline: the recording's name and date, its noise
/// floor beside the agreement, and the count of canaries it cannot pair.
struct RecordedBaselineViewTests {
    private static func snapshot(recorded: Bool) -> Snapshot {
        var snapshot = Fixtures.snapshot
        guard recorded, let index = snapshot.targets.firstIndex(where: { $0.id == "llama3-q4_0" }) else {
            return snapshot
        }
        snapshot.targets[index].baseline = "recorded:llama3-f16"
        snapshot.targets[index].baselineLabel = "recorded llama3-f16, 2026-11-20"
        snapshot.targets[index].baselineNoiseFloor = NoiseFloor(agreeing: 27, compared: 28)
        snapshot.targets[index].unpaired = [
            UnpairedCanary(id: "capital-japan", reason: .promptChanged),
            UnpairedCanary(id: "added-later", reason: .notRecorded),
        ]
        return snapshot
    }

    private func detail(_ snapshot: Snapshot) -> [String] {
        let size = Size(width: 160, height: 48)
        let ui = Fixtures.ui(size, routes: [.dashboard, .detail(targetID: "llama3-q4_0")], snapshot: snapshot)
        return render(snapshot, ui, size: size, theme: .mono).lines
    }

    @Test func theDetailViewNamesTheRecordingItsNoiseFloorAndTheUnpairedCount() throws {
        let lines = detail(Self.snapshot(recorded: true))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("vs recorded llama3-f16, 2026-11-20"), "\(text)")
        let drift = try #require(lines.first { $0.contains("agreement ") && $0.contains("noise floor") }, "\(text)")
        #expect(drift.contains("noise floor 96%"), "\(drift)")
        #expect(drift.contains("2 unpaired"), "\(drift)")
    }

    @Test func aLiveBaselineShowsNeitherNoiseFloorNorUnpaired() {
        let text = detail(Self.snapshot(recorded: false)).joined(separator: "\n")
        #expect(!text.contains("noise floor"))
        #expect(!text.contains("unpaired"))
        #expect(!text.contains("vs recorded"))
    }
}
