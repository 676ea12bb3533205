import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import Testing

/// The engine's decisions without HTTP: answers from scorers, determinism, drift scale, faults at a time.
struct SimEngineTests {
    private func engine(
        _ profile: QuantProfile, seed: UInt64 = 42, faults: FaultScript = FaultScript(), clock: SimClock = .continuous()
    ) -> SimEngine {
        SimEngine(
            model: SimModel(id: profile.name, profile: profile), canaries: DemoSuite.canaries, seed: seed,
            speed: 1, faults: faults, clock: clock)
    }

    private func request(_ canary: Canary, top: Int = 0) -> SimRequest {
        SimRequest(messages: canary.messages, topLogprobs: top)
    }

    @Test(arguments: [
        (Scorer.exact("Paris"), "Paris"),
        (.contains(["Austen", "Jane"], all: false), "Austen"),
        (.numeric(value: 391, tolerance: 0), "391"),
        (.numeric(value: 0.375, tolerance: 0.001), "0.375"),
        (.choice("C"), "C"),
        (.jsonField(path: "result.status", expected: "ok"), "{\"result\": {\"status\": \"ok\"}}"),
        (.regex(pattern: "answer: (\\d+)", group: 1, expected: "12"), "Answer: 12"),
    ])
    func rightAnswerComesFromTheScorer(scorer: Scorer, expected: String) {
        #expect(AnswerSynthesizer.rightAnswer(for: scorer) == expected)
    }

    @Test func wrongAnswersDifferFromRightOnes() {
        for canary in DemoSuite.canaries {
            let right = AnswerSynthesizer.rightAnswer(for: canary.scorer)
            for salt in UInt64(0)..<5 {
                let wrong = AnswerSynthesizer.wrongAnswer(for: canary.scorer, salt: salt)
                #expect(AnswerNormalizer.normalize(wrong) != AnswerNormalizer.normalize(right), "\(canary.id)")
            }
        }
    }

    @Test func tokenizerRoundTripsText() {
        for text in ["Paris", "The answer is 391.", "{\"status\": \"ok\"}", "O(log n)\nnext  line", "über 12345"] {
            let tokens = SimTokenizer.tokenize(text)
            #expect(tokens.joined() == text)
            #expect(tokens.allSatisfy { !$0.isEmpty })
        }
        #expect(SimTokenizer.tokenize("Thursday").count == 2)
    }

    @Test func sameSeedSameContentAndLogprobs() throws {
        let canary = try #require(DemoSuite.canaries.first { $0.id == "math-word" })
        let first = engine(.q4_0, seed: 9).plan(request(canary, top: 5))
        let second = engine(.q4_0, seed: 9).plan(request(canary, top: 5))
        #expect(first.tokens == second.tokens)
        #expect(first.logprobs == second.logprobs)
        #expect(first.firstTokenDelay == second.firstTokenDelay)
        let unknown = SimRequest(messages: [ChatMessage(role: .user, content: "Tell me about tea.")])
        #expect(engine(.fp16, seed: 3).plan(unknown).text == engine(.fp16, seed: 3).plan(unknown).text)
        #expect(engine(.fp16, seed: 3).plan(unknown).canaryID == nil)
    }

    @Test func fp16ReferenceIsTheSameOnEveryProfileAndDriftGrowsWithCoarserQuants() {
        var kld: [String: Double] = [:]
        for profile in QuantProfile.presets {
            var total = 0.0
            var count = 0
            for position in 0..<400 {
                let token = "tok\(position % 37)"
                let reference = TokenDistributionModel.distribution(
                    token: token, position: position, promptKey: 99, seed: 1, profile: .fp16)
                let quant = TokenDistributionModel.distribution(
                    token: token, position: position, promptKey: 99, seed: 1, profile: profile)
                #expect(quant.first?.token == token)
                total += klDivergence(reference, quant)
                count += 1
            }
            kld[profile.name] = total / Double(count)
        }
        #expect(kld["fp16"] == 0)
        let q8 = kld["q8_0"] ?? 0
        let q4km = kld["q4_k_m"] ?? 0
        let q40 = kld["q4_0"] ?? 0
        #expect(q8 > 0 && q8 < q4km && q4km < q40)
        // Within a factor of ~2.5 of llama.cpp's LLaMA-3-8B figures.
        #expect(q8 > 0.0005 && q8 < 0.0035)
        #expect(q4km > 0.012 && q4km < 0.08)
        #expect(q40 > 0.03 && q40 < 0.18)
    }

    @Test func coarserQuantsNeverGetMoreCanariesRight() {
        let planned = QuantProfile.presets.map { profile in
            Set(
                DemoSuite.canaries.filter { engine(profile, seed: 5).plan(request($0)).answeredRight == true }.map(\.id)
            )
        }
        for index in 1..<planned.count {
            #expect(planned[index].isSubset(of: planned[index - 1]))
        }
    }

    @Test func accuracyDropChangesAnswersOnlyInsideItsWindowAndCategory() {
        let manual = ManualSimClock()
        let faults = FaultScript(windows: [
            FaultWindow(
                start: .seconds(10), duration: .seconds(20), fault: .accuracyDrop(category: "math", points: 100))
        ])
        let sim = engine(.fp16, faults: faults, clock: manual.clock)
        let math = DemoSuite.canaries.filter { $0.category == "math" }
        let general = DemoSuite.canaries.filter { $0.category == "general" }
        func rightCount(_ canaries: [Canary]) -> Int {
            canaries.filter { sim.plan(request($0)).answeredRight == true }.count
        }
        let before = rightCount(math)
        let generalBefore = rightCount(general)
        #expect(before > 0)
        manual.set(.seconds(15))
        #expect(rightCount(math) == 0)
        #expect(rightCount(general) == generalBefore)
        manual.set(.seconds(30))
        #expect(rightCount(math) == before)
    }

    @Test func faultSharesAreRoughlyRight() {
        let faults = FaultScript(windows: [FaultWindow(fault: .errors(share: 0.2, status: 502))])
        let sim = engine(.q8_0, faults: faults)
        let canary = DemoSuite.canaries[0]
        let errors = (0..<2000).filter { _ in sim.plan(request(canary)).outcome == .httpError(status: 502) }.count
        #expect(errors > 320 && errors < 480)
    }

    @Test func latencyFollowsTheProfile() {
        let canary = DemoSuite.canaries[0]
        let fp16 = engine(.fp16)
        let q40 = engine(.q4_0)
        let perTokenFP16 = (0..<200).map { _ in fp16.plan(request(canary)).tokenDelays.first?.milliseconds ?? 0 }
        let perTokenQ40 = (0..<200).map { _ in q40.plan(request(canary)).tokenDelays.first?.milliseconds ?? 0 }
        let meanFP16 = perTokenFP16.reduce(0, +) / 200
        let meanQ40 = perTokenQ40.reduce(0, +) / 200
        #expect(abs(meanFP16 - 1000 / 42) < 3)
        #expect(abs(meanQ40 - 1000 / 125) < 1.5)
    }

    private func klDivergence(_ p: [TokenLogprob.Alternative], _ q: [TokenLogprob.Alternative]) -> Double {
        let qByToken = Dictionary(q.map { ($0.token, $0.logprob) }, uniquingKeysWith: { a, _ in a })
        var total = 0.0
        var pRest = 1.0
        var qRest = 1.0
        for entry in p {
            guard let ql = qByToken[entry.token] else { continue }
            total += exp(entry.logprob) * (entry.logprob - ql)
            pRest -= exp(entry.logprob)
            qRest -= exp(ql)
        }
        if pRest > 1e-12, qRest > 1e-12 { total += pRest * log(pRest / qRest) }
        return total
    }
}
