import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchSimulator
import QuantWatchTestSupport
import Testing

/// Provider drift on a simulated API that is its own recorded baseline (the simulator's engine, the real
/// Aggregator, a manual clock, the four sample suites = 56 canaries, one probe a second): quiet over a long
/// steady run, a warning soon after the model's answers change, and a critical at once when the server reports
/// another model.
@Suite(.serialized)
struct BaselineDriftSimulationTests {
    /// A run of the API against a 3-round recording of itself made at the start.
    /// - Parameter serving: what the API serves after the recording (the recorded FP16 unless the provider swaps).
    private func selfRecordedRun(faults: [FaultWindow] = [], serving: QuantProfile = .fp16) throws
        -> SimulatedFleetRun
    {
        let canaries = try SampleSuites.canaries()
        var recorder = SimulatedFleetRun(
            targets: [.init(id: "api", profile: .fp16, topLogprobs: 5)], canaries: canaries)
        let file = recorder.recording(of: "api", rounds: 3)
        let recorded = RecordedBaseline(path: "api.json", file: file)
        return SimulatedFleetRun(
            targets: [.init(id: "api", profile: serving, topLogprobs: 5, recordedBaseline: recorded)],
            canaries: canaries, faults: FaultScript(windows: faults))
    }

    @Test func anUnchangedModelStaysQuietOverTwoHours() async throws {
        var run = try selfRecordedRun()
        run = await run.running(seconds: 2 * 3600)
        #expect(run.alarms().isEmpty, "\(run.alarms().map(\.message))")
        let api = try #require(run.snapshot().targets.first)
        #expect(api.baseline == "recorded:api")
        #expect(api.baselineLabel?.hasPrefix("recorded api, ") == true)
        #expect(api.overall.pairs == 56)
        #expect(api.overall.answerAgreement == 1)
        #expect(api.baselineNoiseFloor == NoiseFloor(agreeing: 112, compared: 112))
        #expect(api.unpaired.isEmpty)
        #expect(api.state == .ok)
    }

    /// Seed 42 realises the fault as several flipped answers; 56 canaries at one a second are all re-asked within
    /// a minute, then the rule holds its evaluations: warning within three minutes of the onset.
    @Test func changedAnswersWarnWithinThreeMinutesOfTheChange() async throws {
        let onset = 1800
        var run = try selfRecordedRun(faults: [
            FaultWindow(start: .seconds(onset), model: "api", fault: .accuracyDrop(category: nil, points: 15))
        ])
        run = await run.running(seconds: onset)
        #expect(run.alarms().isEmpty, "\(run.alarms().map(\.message))")
        run = await run.running(seconds: 180)
        let warned = try #require(run.secondsToFirst(.warning, rule: .baselineDrift, target: "api"))
        #expect(warned - Double(onset) <= 180)
        let message = try #require(run.alarms(.baselineDrift).first?.message)
        #expect(message.contains("changed beyond the noise floor"), "\(message)")
        #expect(message.contains("noise floor 100%") && message.contains("p="), "\(message)")
    }

    /// The provider swapped in a Q8_0 that gives every recorded answer again (same accuracy draws) with its token
    /// distributions moved (KLD ~0.0014): the logprobs alone show it.
    @Test func sameAnswersWithMovedTokenDistributionsWarnWithinThreeMinutes() async throws {
        let q8 = QuantProfile(
            name: "fp16", label: "Q8_0", tokensPerSecond: 78, ttftMedianMilliseconds: 95,
            accuracy: QuantProfile.fp16.accuracy, defaultAccuracy: QuantProfile.fp16.defaultAccuracy,
            targetKLD: 0.0014)
        var run = try selfRecordedRun(serving: q8)
        run = await run.running(seconds: 180)
        let api = try #require(run.snapshot().targets.first)
        #expect(api.overall.answerAgreement == 1)
        let warned = try #require(run.secondsToFirst(.warning, rule: .baselineDrift, target: "api"))
        #expect(warned <= 180)
        let message = try #require(run.alarms(.baselineDrift).first?.message)
        #expect(message.contains("0 answers"), "\(message)")
    }

    @Test func aChangedModelIDIsCriticalAtOnceAndSaysWhatChanged() throws {
        var run = try selfRecordedRun()
        run.run(seconds: 120)
        #expect(run.alarms().isEmpty)
        var aggregator = run.aggregator
        aggregator.noteIdentity(ServerIdentity(modelIDs: ["llama-70b-q4"]), for: "api")
        let now = run.epoch.addingTimeInterval(121)
        aggregator.evaluate(targetID: "api", at: now)
        let events = aggregator.drainEvents().filter { $0.rule == AlertRule.baselineDrift.rawValue }
        #expect(events.map(\.to) == [.critical])
        #expect(events.first?.message.contains("model ids fp16 -> llama-70b-q4") == true, "\(events)")
        // The same identity as recorded settles it again.
        aggregator.noteIdentity(ServerIdentity(modelIDs: ["fp16"]), for: "api")
        for second in 0..<5 { aggregator.evaluate(targetID: "api", at: now.addingTimeInterval(Double(second + 1))) }
        #expect(aggregator.drainEvents().last?.to == .ok)
    }
}
