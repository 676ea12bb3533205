import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport
import Testing

/// `quantwatch baseline record` against simulated llama.cpp servers on loopback, then the recording used as the
/// baseline (`baseline_file:`) of a quantized target in `once` and `check`.
struct BaselineRecordCommandTests {
    private static let suiteSource = BuiltBinary.packageRoot().appendingPathComponent(
        "samples/canaries/general.yaml"
    ).path

    /// A scratch folder holding a copy of the general suite and a fleet of an F16 and a Q4_0 simulated build.
    private struct Workspace {
        let folder: String
        let fleet: SimFleet

        static func start() async throws -> Workspace {
            let folder = try StoreTestSupport.temporaryDirectory()
            try FileManager.default.copyItem(atPath: suiteSource, toPath: folder + "/general.yaml")
            let canaries = try CanarySuiteLoader.load(path: suiteSource).canaries
            let fleet = try await SimFleet.start(
                models: [SimModel(id: "f16", profile: .fp16), SimModel(id: "q40", profile: .q4_0)],
                canaries: canaries, speed: 50)
            return Workspace(folder: folder, fleet: fleet)
        }

        func url(_ index: Int) -> String { fleet.servers[index].baseURL ?? "" }

        /// Writes `name` with both targets; `extra` goes under the Q4_0 target.
        func writeFleet(_ name: String, q4Extra: String = "") throws -> String {
            let yaml = """
                interval: 5s
                timeouts: {connect: 2s, total: 20s}
                top_logprobs: 3
                suite: general.yaml
                targets:
                  - id: llama-f16
                    backend: llamacpp
                    url: \(url(0))
                    quant: F16
                  - id: llama-q40
                    backend: llamacpp
                    url: \(url(1))
                    quant: Q4_0
                \(q4Extra.isEmpty ? "" : "    " + q4Extra)

                """
            let path = folder + "/" + name
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func stop() async {
            await fleet.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func recordsEveryCanaryThenPairsTheRecordingInOnceAndListsUnpairedInCheck() async throws {
        let workspace = try await Workspace.start()
        defer { Task { await workspace.stop() } }
        let live = try workspace.writeFleet("live.yaml")
        let out = workspace.folder + "/f16.json"

        let record = try await BinaryRun.quantwatch(
            ["baseline", "record", "--config", live, "--target", "llama-f16", "--out", out, "--rounds", "2"])
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stderr.contains("recording llama-f16: 14 canaries x 2 rounds"), "\(record.stderr)")
        #expect(record.stderr.contains("round 2/2: 14 of 14 canaries answered"), "\(record.stderr)")
        #expect(record.stdout.isEmpty)

        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let file = try BaselineFile.decode(data)
        #expect(file.version == 1)
        #expect(file.name == "llama-f16")
        #expect(file.rounds == 2)
        #expect(file.canaries.count == 14)
        #expect(file.canaries.first?.id == "capital-france")
        #expect(file.canaries.allSatisfy { $0.answers.map(\.round) == [1, 2] && $0.promptHash.count == 16 })
        #expect(file.canaries.allSatisfy { $0.answers.allSatisfy { !$0.logprobs.isEmpty } })
        #expect(file.sampling == BaselineFile.Sampling(temperature: 0, seed: 42, topLogprobs: 3))
        #expect(file.server.modelPath?.hasSuffix(".gguf") == true, "\(file.server)")
        #expect(!file.server.modelIDs.isEmpty)
        #expect(file.server.missing.contains { $0.hasPrefix("system_fingerprint") })
        // Stable key order and one canary per entry: the file diffs line by line.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"canaries\" : [\n    {\n      \"answers\""), "\(text.prefix(80))")
        #expect(try file.encoded() == data)

        let watched = try workspace.writeFleet("watched.yaml", q4Extra: "baseline_file: f16.json")
        let once = try await BinaryRun.quantwatch(["once", "--config", watched, "--json"])
        #expect(once.status != 3, "\(once.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(once.stdout.utf8)) as? [String: Any], "\(once.stdout)")
        let targets = try #require((report["snapshot"] as? [String: Any])?["targets"] as? [[String: Any]])
        let q4 = try #require(targets.first { $0["id"] as? String == "llama-q40" })
        #expect(q4["baseline"] as? String == "recorded:llama-f16")
        #expect((q4["baseline_label"] as? String)?.hasPrefix("recorded llama-f16, 20") == true)
        let overall = try #require(q4["overall"] as? [String: Any])
        #expect(overall["pairs"] as? Int == 14, "\(overall)")
        #expect(overall["agreement"] is Double, "\(overall)")
        #expect(overall["kld"] is Double, "\(overall)")
        #expect(overall["top1_agreement"] is Double, "\(overall)")
        let floor = try #require(q4["baseline_noise_floor"] as? [String: Any])
        #expect(floor["compared"] as? Int == 14)
        #expect(q4["unpaired"] == nil)

        // One prompt changed and one canary added since the recording: both unpaired, named, never counted.
        var suite = try String(contentsOfFile: workspace.folder + "/general.yaml", encoding: .utf8)
        suite = suite.replacingOccurrences(
            of: "What is the capital of Japan? Answer with just the city name.",
            with: "What is the capital city of Japan? Answer with just the city name.")
        suite += "  - id: added-later\n    prompt: \"What colour is the sky on a clear day? One word.\"\n"
        suite += "    scorer: {exact: \"blue\"}\n"
        try suite.write(toFile: workspace.folder + "/general.yaml", atomically: true, encoding: .utf8)

        let check = try await BinaryRun.quantwatch(["check", "--config", watched])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.contains("llama-q40: vs recorded llama-f16, 20"), "\(check.stdout)")
        #expect(check.stdout.contains("2 canaries unpaired"), "\(check.stdout)")
        #expect(check.stdout.contains("capital-japan: prompt changed since the recording"), "\(check.stdout)")
        #expect(check.stdout.contains("added-later: not in the recording"), "\(check.stdout)")

        let changed = try await BinaryRun.quantwatch(["once", "--config", watched, "--json"])
        let changedReport = try #require(
            try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any], "\(changed.stderr)")
        let changedTargets = try #require(
            (changedReport["snapshot"] as? [String: Any])?["targets"] as? [[String: Any]])
        let changedQ4 = try #require(changedTargets.first { $0["id"] as? String == "llama-q40" })
        #expect((changedQ4["overall"] as? [String: Any])?["pairs"] as? Int == 13)
        let unpaired = try #require(changedQ4["unpaired"] as? [[String: Any]])
        #expect(unpaired.compactMap { $0["id"] as? String } == ["capital-japan", "added-later"])
        #expect(unpaired.compactMap { $0["reason"] as? String } == ["prompt_changed", "not_recorded"])

        // The provider swapped the model under llama-f16 (its address now serves the Q4_0 build): the target is
        // its own recorded baseline, and one round finds the changed model path at once.
        let swapped = workspace.folder + "/swapped.yaml"
        try """
        suite: general.yaml
        top_logprobs: 3
        targets:
          - {id: llama-f16, backend: llamacpp, url: "\(workspace.url(1))", baseline_file: f16.json}

        """.write(toFile: swapped, atomically: true, encoding: .utf8)
        let drift = try await BinaryRun.quantwatch(["once", "--config", swapped, "--json"])
        #expect(drift.status == 2, "\(drift.stderr)")
        let driftReport = try #require(
            try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any], "\(drift.stderr)")
        let driftTarget = try #require(
            ((driftReport["snapshot"] as? [String: Any])?["targets"] as? [[String: Any]])?.first)
        let reasons = try #require(driftTarget["reasons"] as? [String])
        #expect(
            reasons.contains { $0.contains("server identity changed since the recording: model_path") },
            "\(reasons)")
    }

    @Test(.timeLimit(.minutes(2)))
    func namesTheProblemForAnUnknownTargetAnUnwritableFileAnUnreachableServerAndABadFile() async throws {
        let workspace = try await Workspace.start()
        defer { Task { await workspace.stop() } }
        let live = try workspace.writeFleet("live.yaml")

        let unknown = try await BinaryRun.quantwatch(
            ["baseline", "record", "--config", live, "--target", "llama-f61", "--out", workspace.folder + "/x.json"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("target 'llama-f61' is not in the fleet file"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("did you mean 'llama-f16'?"), "\(unknown.stderr)")

        let unwritable = try await BinaryRun.quantwatch(
            ["baseline", "record", "--config", live, "--target", "llama-f16", "--out", "/nonexistent/dir/x.json"])
        #expect(unwritable.status == 3)
        #expect(unwritable.stderr.contains("cannot write /nonexistent/dir/x.json"), "\(unwritable.stderr)")

        let closed = try LoopbackPort.unusedOutsideEphemeralRange()
        let deadFleet = workspace.folder + "/dead.yaml"
        try """
        suite: general.yaml
        timeouts: {connect: 1s, total: 3s}
        retries: {max: 0}
        targets:
          - {id: gone, backend: llamacpp, url: "http://127.0.0.1:\(closed)"}

        """.write(toFile: deadFleet, atomically: true, encoding: .utf8)
        let unreachable = try await BinaryRun.quantwatch(
            ["baseline", "record", "--config", deadFleet, "--target", "gone", "--out", workspace.folder + "/g.json"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("target 'gone' at http://127.0.0.1:\(closed) is unreachable"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/g.json"))

        try "{\"version\": 1, \"name\": ".write(
            toFile: workspace.folder + "/garbled.json", atomically: true, encoding: .utf8)
        let garbled = try workspace.writeFleet("garbled.yaml", q4Extra: "baseline_file: garbled.json")
        let check = try await BinaryRun.quantwatch(["check", "--config", garbled])
        #expect(check.status == 3)
        #expect(check.stderr.contains("garbled.yaml:"), "\(check.stderr)")
        #expect(check.stderr.contains("baseline file \(workspace.folder)/garbled.json is not a baseline file"))

        let both = try workspace.writeFleet(
            "both.yaml", q4Extra: "baseline: llama-f16\n    baseline_file: garbled.json")
        let bothCheck = try await BinaryRun.quantwatch(["check", "--config", both])
        #expect(bothCheck.status == 3)
        #expect(bothCheck.stderr.contains("has both 'baseline' and 'baseline_file'"), "\(bothCheck.stderr)")
    }
}
