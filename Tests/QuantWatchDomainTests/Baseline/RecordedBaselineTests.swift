import Foundation
@testable import QuantWatchDomain
import Testing

/// Baseline files: the stable hash, the file's round trip and version check, and how a recording is paired.
struct RecordedBaselineTests {
    private static let capital = Canary(
        id: "capital", category: "general", messages: [ChatMessage(role: .user, content: "Capital of France?")],
        scorer: .exact("Paris"))
    private static let sum = Canary(
        id: "sum", category: "math", messages: [ChatMessage(role: .user, content: "2+2?")],
        scorer: .numeric(value: 4, tolerance: 0))

    private static func answer(_ round: Int, _ text: String?) -> BaselineFile.Answer {
        BaselineFile.Answer(
            round: round, text: text, normalized: text.map(AnswerNormalizer.normalize), correct: nil,
            error: text == nil ? "timeout: read-idle timeout" : nil, logprobs: [])
    }

    private static func file(_ entries: [BaselineFile.Entry]) -> BaselineFile {
        BaselineFile(
            version: 1, name: "f16", recordedAt: Date(timeIntervalSince1970: 1_795_132_800), quantwatchVersion: "test",
            source: .init(id: "f16", backend: "llamacpp", url: "http://127.0.0.1:8080", model: "", quant: "F16"),
            sampling: .init(temperature: 0, seed: 42, topLogprobs: 0), server: ServerIdentity(modelPath: "/m.gguf"),
            suitesHash: PromptHash.suites([capital, sum]), rounds: 3, canaries: entries)
    }

    @Test func theHashIsFNV1aAndSeparatesFields() {
        var hash = PromptHash.FNV1a()
        hash.add("a")
        #expect(hash.hex == "af63dc4c8601ec8c")  // the published 64-bit FNV-1a vector of "a"
        let split = PromptHash.messages([
            ChatMessage(role: .user, content: "ab"), ChatMessage(role: .user, content: "c"),
        ])
        let joined = PromptHash.messages([
            ChatMessage(role: .user, content: "a"), ChatMessage(role: .user, content: "bc"),
        ])
        #expect(split != joined)
        #expect(PromptHash.messages(Self.capital.messages) == PromptHash.messages(Self.capital.messages))
        #expect(PromptHash.messages(Self.capital.messages).count == 16)
    }

    @Test func aFileRoundTripsAndAnotherVersionIsRefused() throws {
        let file = Self.file([
            .init(id: "capital", category: "general", promptHash: "0", answers: [Self.answer(1, "Paris")])
        ])
        let data = try file.encoded()
        #expect(try BaselineFile.decode(data) == file)
        #expect(file.label == "recorded f16, 2026-11-20")
        let future = String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"version\" : 1", with: "\"version\" : 9")
        #expect(throws: BaselineFile.UnsupportedVersion.self) { try BaselineFile.decode(Data(future.utf8)) }
    }

    @Test func pairsTheLatestAnsweredRoundAndListsWhatItCannotPair() {
        let hash = PromptHash.messages(Self.capital.messages)
        let recorded = RecordedBaseline(
            path: "f16.json",
            file: Self.file([
                .init(
                    id: "capital", category: "general", promptHash: hash,
                    answers: [Self.answer(1, "Paris"), Self.answer(2, "Paris."), Self.answer(3, nil)]),
                .init(id: "sum", category: "math", promptHash: "changed", answers: [Self.answer(1, "4")]),
            ]))
        let extra = Canary(
            id: "new", category: "general", messages: [ChatMessage(role: .user, content: "?")], scorer: .exact("x"))
        let results = recorded.results(for: [Self.capital, Self.sum, extra])
        #expect(results.map(\.canaryID) == ["capital"])
        #expect(results.first?.targetID == "recorded:f16")
        #expect(results.first?.generation?.text == "Paris.")  // round 3 failed: round 2 is the latest answer
        #expect(results.first?.correct == true)  // re-scored by the suite's scorer
        #expect(
            recorded.unpaired([Self.capital, Self.sum, extra]) == [
                UnpairedCanary(id: "sum", reason: .promptChanged), UnpairedCanary(id: "new", reason: .notRecorded),
            ])
        // Rounds 1 and 2 of capital compared ("paris" both); the failed round compares with nothing.
        #expect(recorded.noiseFloor == NoiseFloor(agreeing: 1, compared: 1))
    }

    @Test func aChangedFingerprintInTheResponsesOfASelfRecordedTargetIsCriticalAtOnce() {
        var file = Self.file([
            .init(
                id: "capital", category: "general", promptHash: PromptHash.messages(Self.capital.messages),
                answers: [Self.answer(1, "Paris")])
        ])
        file.name = "api"
        file.source.id = "api"
        file.server = ServerIdentity(systemFingerprint: "fp_a", servedModel: "gpt-x")
        let suite = CanarySuite(name: "s", path: "s.yaml", canaries: [Self.capital])
        let target = TargetConfig(
            id: "api", backend: .openai, url: "http://127.0.0.1:1", suitePaths: ["s.yaml"],
            recordedBaseline: RecordedBaseline(path: "api.json", file: file))
        var aggregator = Aggregator(config: FleetConfig(path: "f.yaml", targets: [target], suites: ["s.yaml": suite]))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func probe(_ fingerprint: String, at offset: Double) {
            aggregator.record(
                ProbeResult(
                    targetID: "api", canaryID: "capital", category: "general", startedAt: now + offset,
                    outcome: .success(
                        Generation(
                            text: "Paris", ttfb: .zero, ttft: .zero, e2e: .milliseconds(10), outputTokens: 1,
                            systemFingerprint: fingerprint, servedModel: "gpt-x")),
                    correct: true),
                evaluatingAt: now + offset)
        }
        probe("fp_a", at: 0)
        #expect(aggregator.drainEvents().filter { $0.rule == "baseline_drift" }.isEmpty)
        probe("fp_b", at: 1)
        let events = aggregator.drainEvents().filter { $0.rule == "baseline_drift" }
        #expect(events.map(\.to) == [.critical])
        #expect(events.first?.message.contains("system_fingerprint fp_a -> fp_b") == true, "\(events)")
        // The endpoints' answer keeps what the responses said.
        aggregator.noteIdentity(ServerIdentity(modelIDs: ["gpt-x"]), for: "api")
        aggregator.evaluate(targetID: "api", at: now + 2)
        let reasons = aggregator.snapshot(at: now + 2, startedAt: now, paused: false, inFlight: 0).targets[0].reasons
        #expect(reasons.contains { $0.contains("fp_a -> fp_b") }, "\(reasons)")
    }

    @Test func theAggregatorPairsATargetWithItsRecording() {
        let hash = PromptHash.messages(Self.capital.messages)
        let recorded = RecordedBaseline(
            path: "f16.json",
            file: Self.file([
                .init(id: "capital", category: "general", promptHash: hash, answers: [Self.answer(1, "Paris")])
            ]))
        let suite = CanarySuite(name: "s", path: "s.yaml", canaries: [Self.capital, Self.sum])
        let target = TargetConfig(
            id: "q4", backend: .llamacpp, url: "http://127.0.0.1:1", suitePaths: ["s.yaml"], recordedBaseline: recorded)
        #expect(target.baseline == "recorded:f16")
        var aggregator = Aggregator(config: FleetConfig(path: "f.yaml", targets: [target], suites: ["s.yaml": suite]))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for (canary, text) in [(Self.capital, "Lyon"), (Self.sum, "4")] {
            aggregator.record(
                ProbeResult(
                    targetID: "q4", canaryID: canary.id, category: canary.category, startedAt: now,
                    outcome: .success(
                        Generation(text: text, ttfb: .zero, ttft: .zero, e2e: .milliseconds(10), outputTokens: 1)),
                    correct: canary.scorer.accepts(text)),
                evaluatingAt: now)
        }
        let snapshot = aggregator.snapshot(at: now, startedAt: now, paused: false, inFlight: 0).targets[0]
        #expect(snapshot.overall.pairs == 1)
        #expect(snapshot.overall.answerAgreement == 0)
        #expect(snapshot.overall.paired?.regressions == 1)
        #expect(snapshot.baselineLabel == "recorded f16, 2026-11-20")
        #expect(snapshot.unpaired == [UnpairedCanary(id: "sum", reason: .notRecorded)])
    }
}
