import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport
import Testing

/// `quantwatch report` against two scripted llama.cpp servers (`ScriptedReportFleet`) and against simulated
/// OpenAI-compatible servers that score perplexity.
struct ReportCommandTests {
    @Test(.timeLimit(.minutes(2)))
    func reportsExactPairedFiguresSizesAndTheVerdictInJSONAndMarkdown() async throws {
        let workspace = try await ScriptedReportFleet.Workspace.start()
        let (base, quant, fleet) = (workspace.base, workspace.quant, workspace.fleet)

        let json = try await BinaryRun.quantwatch(
            ["report", "--config", fleet, "--baseline", "f16", "--target", "q40", "--rounds", "2", "--format", "json"])
        #expect(json.status == 2, "do not deploy exits critical: \(json.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(report["verdict"] as? String == "do_not_deploy")
        #expect(report["baseline"] as? String == "f16")
        #expect(report["target"] as? String == "q40")
        #expect(report["baseline_quant"] as? String == "F16")
        #expect(report["target_quant"] as? String == "Q4_0")
        #expect(report["rounds"] as? Int == 2)
        #expect(close(report["drop_points"] as? Double, 100.0 / 3))
        let evidence = try #require(report["evidence"] as? String)
        #expect(evidence.contains("6 of 12 canaries flipped: 5 worse, 1 better"), "\(evidence)")
        let rows = try #require(report["rows"] as? [[String: Any]])
        func row(_ metric: String) throws -> [String: Any] {
            try #require(rows.first { $0["metric"] as? String == metric }, "no row \(metric) in \(rows)")
        }
        let size = try row("model file size")
        #expect(size["baseline"] as? Double == 1.5)
        #expect(size["target"] as? Double == 0.5)
        #expect(size["delta"] as? Double == -1.0)
        let general = try row("accuracy: general")
        #expect(close(general["baseline"] as? Double, 500.0 / 6))
        #expect(general["target"] as? Double == 100)
        #expect(general["note"] as? String == "0 worse, 1 better of 6")
        let math = try row("accuracy: math")
        #expect(math["baseline"] as? Double == 100)
        #expect(close(math["target"] as? Double, 100.0 / 6))
        #expect(close(math["delta"] as? Double, -500.0 / 6))
        #expect(math["note"] as? String == "5 worse, 0 better of 6")
        let overall = try row("accuracy: overall")
        #expect(close(overall["baseline"] as? Double, 1100.0 / 12))
        #expect(close(overall["target"] as? Double, 700.0 / 12))
        #expect(overall["note"] as? String == "5 worse, 1 better of 12 paired canaries")
        #expect(try row("answer agreement")["target"] as? Double == 50)
        #expect(try row("error rate")["target"] as? Double == 0)
        #expect(try row("error rate")["baseline"] as? Double == 0)
        #expect(try row("mean KLD vs baseline")["note"] as? String == "backend returned no logprobs")
        let perplexity = try #require(report["perplexity"] as? [String: Any])
        #expect(perplexity["baseline"] == nil && perplexity["target"] == nil && perplexity["delta_pct"] == nil)
        #expect((perplexity["note"] as? String)?.contains("the suites list no reference texts") == true)
        for metric in ["E2E p50", "E2E p99", "TTFT p50"] {
            let latency = try row(metric)
            #expect((latency["baseline"] as? Double ?? 0) >= 5, "\(metric): \(latency)")
            #expect((latency["target"] as? Double ?? 0) >= 5, "\(metric): \(latency)")
        }
        // Every canary was asked twice on each side: 24 generations per server.
        #expect(base.requests.filter { $0.path == "/completion" }.count == 24)
        #expect(quant.requests.filter { $0.path == "/completion" }.count == 24)

        let markdown = try await BinaryRun.quantwatch(
            ["report", "--config", fleet, "--baseline", "f16", "--target", "q40", "--rounds", "1"])
        #expect(markdown.status == 2, "\(markdown.stderr)")
        let text = markdown.stdout
        #expect(text.contains("## Quantization loss: q40 (Q4_0) vs f16 (F16)"), "\(text)")
        #expect(text.contains("| model file size (MB) | 1.50 | 0.50 | -1.00 |"), "\(text)")
        #expect(text.contains("| accuracy: math (%) | 100.0 | 16.7 | -83.3 | 5 worse, 0 better of 6 |"), "\(text)")
        #expect(text.contains("| accuracy: general (%) | 83.3 | 100.0 | +16.7 | 0 worse, 1 better of 6 |"), "\(text)")
        #expect(text.contains("| answer agreement (%) | 100.0 | 50.0 | -50.0 |"), "\(text)")
        #expect(text.contains("**Verdict: do not deploy** (accuracy drop +33.3 points"), "\(text)")

        let unknown = try await BinaryRun.quantwatch(
            ["report", "--config", fleet, "--baseline", "f61", "--target", "q40"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("no target 'f61' (targets: f16, q40)"), "\(unknown.stderr)")
        await workspace.stop()
    }

    /// Two simulated OpenAI-compatible servers (F16, Q4_0) and a suite with reference texts: the report scores
    /// them through `prompt_logprobs`, and the verdict is the worse of the accuracy and the perplexity rule.
    @Test(.timeLimit(.minutes(2)))
    func scoresPerplexityThroughPromptLogprobsAndTheVerdictFollowsItsDelta() async throws {
        let folder = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = BuiltBinary.packageRoot().appendingPathComponent("samples/canaries/general.yaml").path
        let canaries = try CanarySuiteLoader.load(path: source).canaries
        let fleet = try await SimFleet.start(
            models: [SimModel(id: "f16", profile: .fp16), SimModel(id: "q40", profile: .q4_0)], canaries: canaries,
            speed: 50)
        try FileManager.default.createDirectory(atPath: folder + "/texts", withIntermediateDirectories: true)
        try String(repeating: "The river flows past the old mill, and the miller counts his sacks of grain. ", count: 8)
            .write(toFile: folder + "/texts/mill.txt", atomically: true, encoding: .utf8)
        var suite = try String(contentsOfFile: source, encoding: .utf8)
        suite += "perplexity:\n  - {id: paris, text: \"The capital of France is Paris, on the Seine.\"}\n"
        suite += "  - {id: mill, file: texts/mill.txt}\n"
        try suite.write(toFile: folder + "/general.yaml", atomically: true, encoding: .utf8)
        let path = folder + "/fleet.yaml"
        try """
        suite: general.yaml
        timeouts: {connect: 2s, total: 20s}
        targets:
          - {id: f16, backend: openai, url: "\(fleet.servers[0].baseURL ?? "")/v1", model: f16, quant: F16}
          - {id: q40, backend: openai, url: "\(fleet.servers[1].baseURL ?? "")/v1", model: q40, quant: Q4_0}

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try await BinaryRun.quantwatch(
            ["report", "--config", path, "--baseline", "f16", "--target", "q40", "--rounds", "1", "--format", "json"])
        await fleet.shutdown()
        #expect(run.status != 3, "\(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let perplexity = try #require(report["perplexity"] as? [String: Any], "\(report)")
        #expect(perplexity["method"] as? String == "prompt_logprobs")
        let base = try #require(perplexity["baseline"] as? Double, "\(perplexity)")
        let quant = try #require(perplexity["target"] as? Double, "\(perplexity)")
        #expect(base > 1 && quant > base, "\(perplexity)")
        #expect(close(perplexity["delta_pct"], (quant - base) / base * 100))
        let pplVerdict = try #require(perplexity["verdict"] as? String)
        let delta = (quant - base) / base * 100
        #expect(pplVerdict == (delta > 5 ? "do_not_deploy" : delta > 2 ? "caution" : "ok"))
        let order = ["ok", "inconclusive", "caution", "do_not_deploy"]
        let accuracy = try #require(report["accuracy_verdict"] as? String)
        let worst = order[max(order.firstIndex(of: accuracy) ?? 0, order.firstIndex(of: pplVerdict) ?? 0)]
        #expect(report["verdict"] as? String == worst, "\(report)")
        let rows = try #require(report["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["metric"] as? String == "perplexity" })
        #expect(row["baseline"] as? Double == base)
        #expect(row["unit"] as? String == "PPL")
    }

    /// Equal within 1e-9: the report's percentages are ratios of small counts.
    private func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let value = value as? Double else { return false }
        return abs(value - expected) < 1e-9
    }
}
