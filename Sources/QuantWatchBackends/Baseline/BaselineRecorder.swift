import Foundation
import QuantWatchDomain

/// Records a baseline: every canary of one target's suites, `rounds` times, through the monitor's own one-round
/// path (`MonitorActor.runOnce`), so the recording is probed exactly as the live monitor probes.
public struct BaselineRecorder: Sendable {
    /// The version written into recordings.
    public static let quantwatchVersion = "0.13.0"

    public let config: FleetConfig
    public let target: TargetConfig

    /// Fails with a message naming the known targets when `targetID` is not one of the fleet.
    public init(config: FleetConfig, targetID: String) throws {
        guard let target = config.targets.first(where: { $0.id == targetID }) else {
            throw UnknownTarget(id: targetID, known: config.targets.map(\.id))
        }
        self.config = config
        self.target = target
    }

    /// Probes `rounds` rounds and builds the file; `progress` gets one line per round (for stderr).
    /// - Parameters:
    ///   - backend: the target's backend.
    ///   - identity: what the server says it is, asked once before the first round.
    ///   - now: the recording's date.
    public func record(
        rounds: Int, backend: any Backend, identity: ServerIdentity, now: @escaping @Sendable () -> Date = { Date() },
        progress: (String) -> Void = { _ in }
    ) async -> BaselineFile {
        var alone = target
        alone.baseline = nil
        alone.recordedBaseline = nil
        let single = FleetConfig(
            path: config.path, targets: [alone], suites: config.suites, concurrency: config.concurrency,
            alerts: config.alerts)
        let canaries = config.canaries(for: target)
        let monitor = MonitorActor(config: single, backends: [target.id: backend], now: now)
        var answers: [String: [BaselineFile.Answer]] = [:]
        var server = identity
        for round in 1...Swift.max(rounds, 1) {
            let (results, _) = await monitor.runOnce()
            var failed = 0
            for result in results {
                answers[result.canaryID, default: []].append(Self.answer(result, round: round))
                if result.failure != nil { failed += 1 }
                if let generation = result.generation { server = server.observing(generation) }
            }
            progress(
                "round \(round)/\(Swift.max(rounds, 1)): \(results.count - failed) of \(results.count) canaries "
                    + "answered" + (failed > 0 ? ", \(failed) failed" : ""))
        }
        let entries = canaries.map { canary in
            BaselineFile.Entry(
                id: canary.id, category: canary.category, promptHash: PromptHash.messages(canary.messages),
                answers: answers[canary.id] ?? [])
        }
        return BaselineFile(
            version: BaselineFile.currentVersion, name: target.id, recordedAt: now(),
            quantwatchVersion: Self.quantwatchVersion,
            source: BaselineFile.Source(
                id: target.id, backend: target.backend.rawValue, url: target.url, model: target.model,
                quant: target.quant),
            sampling: BaselineFile.Sampling(temperature: 0, seed: target.seed, topLogprobs: target.topLogprobs),
            server: Self.noting(server), suitesHash: PromptHash.suites(canaries), rounds: Swift.max(rounds, 1),
            canaries: entries)
    }

    /// Lists what the responses never reported, as the probe lists what the server's endpoints did not.
    private static func noting(_ identity: ServerIdentity) -> ServerIdentity {
        var identity = identity
        if identity.systemFingerprint == nil {
            identity.missing.append("system_fingerprint: no response carried one")
        }
        if identity.servedModel == nil { identity.missing.append("served_model: no response named its model") }
        return identity
    }

    private static func answer(_ result: ProbeResult, round: Int) -> BaselineFile.Answer {
        switch result.outcome {
        case .success(let generation):
            BaselineFile.Answer(
                round: round, text: generation.text, normalized: AnswerNormalizer.normalize(generation.text),
                correct: result.correct, error: nil, logprobs: generation.logprobs)
        case .failure(let failure):
            BaselineFile.Answer(
                round: round, text: nil, normalized: nil, correct: nil,
                error: "\(failure.errorClass.rawValue): \(failure.message)", logprobs: [])
        }
    }

    /// The target to record is not in the fleet file.
    public struct UnknownTarget: Error, CustomStringConvertible {
        public let id: String
        public let known: [String]
        public var description: String {
            var text = "target '\(id)' is not in the fleet file (targets: \(known.joined(separator: ", ")))"
            if let hint = KeySuggester.nearest(to: id, among: known) { text += "; did you mean '\(hint)'?" }
            return text
        }
    }
}
