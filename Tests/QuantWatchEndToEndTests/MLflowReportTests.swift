import Foundation
import QuantWatchTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `report --mlflow` against a real `mlflow server` on loopback (PyPI `mlflow`, installed by
/// `scripts/mlflow/install.sh`; `.ci/run` sets QUANTWATCH_MLFLOW to its `mlflow`): the run, its params, metrics
/// and verdict tag are read back through MLflow's REST API.
///
/// Runs where QUANTWATCH_MLFLOW is set, and always in CI (CI=true), where a missing mlflow is a failure.
@Suite(.serialized, .enabled(if: MLflowServer.executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
struct MLflowReportTests {
    @Test(.timeLimit(.minutes(5)))
    func logsTheReportAsARunWhoseParamsMetricsAndVerdictReadBack() async throws {
        guard let executable = MLflowServer.executable else {
            let message: Comment =
                "mlflow is not installed: run scripts/mlflow/install.sh and set QUANTWATCH_MLFLOW to the mlflow it prints (.ci/run does both)"
            Issue.record(message)
            return
        }
        let workspace = try await ScriptedReportFleet.Workspace.start()
        let server = try await MLflowServer.start(executable: executable, folder: workspace.folder)
        let run = try await BinaryRun.quantwatch(
            [
                "report", "--config", workspace.fleet, "--baseline", "f16", "--target", "q40", "--rounds", "1",
                "--format", "json", "--mlflow", server.url, "--mlflow-experiment", "quant-loss",
            ])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("\"verdict\":\"do_not_deploy\""), "the report is printed: \(run.stdout)")
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("mlflow: logged run ") })
        let runID = try #require(line.split(separator: " ").dropFirst(3).first.map(String.init))

        let fetched = try await server.get("runs/get?run_id=\(runID)")
        let record = try #require(fetched["run"] as? [String: Any])
        let info = try #require(record["info"] as? [String: Any])
        #expect(info["status"] as? String == "FINISHED")
        #expect(info["run_name"] as? String == "q40 vs f16")
        let experimentID = try #require(info["experiment_id"] as? String)
        let experiment = try await server.get("experiments/get?experiment_id=\(experimentID)")
        #expect((experiment["experiment"] as? [String: Any])?["name"] as? String == "quant-loss")

        let data = try #require(record["data"] as? [String: Any])
        let params = Dictionary(
            uniqueKeysWithValues: (data["params"] as? [[String: Any]] ?? []).compactMap { entry in
                (entry["key"] as? String).map { ($0, entry["value"] as? String ?? "") }
            })
        #expect(params["baseline"] == "f16")
        #expect(params["target"] == "q40")
        #expect(params["baseline_quant"] == "F16")
        #expect(params["target_quant"] == "Q4_0")
        #expect(params["target_backend"] == "llamacpp")
        #expect(params["rounds"] == "1")
        #expect(params["suites_hash"]?.count == 16, "\(params)")
        let metrics = Dictionary(
            uniqueKeysWithValues: (data["metrics"] as? [[String: Any]] ?? []).compactMap { entry in
                (entry["key"] as? String).map { ($0, (entry["value"] as? NSNumber)?.doubleValue ?? .nan) }
            })
        #expect(abs((metrics["target.accuracy_math_pct"] ?? 0) - 100.0 / 6) < 1e-6, "\(metrics)")
        #expect(metrics["baseline.accuracy_math_pct"] == 100)
        #expect(abs((metrics["delta.accuracy_overall_pct"] ?? 0) + 100.0 / 3) < 1e-6)
        #expect(metrics["target.answer_agreement_pct"] == 50)
        #expect(metrics["baseline.model_file_size_mb"] == 1.5)
        #expect(metrics["target.model_file_size_mb"] == 0.5)
        #expect((metrics["target.e2e_p50_ms"] ?? 0) > 0)
        let tags = Dictionary(
            (data["tags"] as? [[String: Any]] ?? []).compactMap { entry in
                (entry["key"] as? String).map { ($0, entry["value"] as? String ?? "") }
            }, uniquingKeysWith: { a, _ in a })
        #expect(tags["quantwatch.verdict"] == "do_not_deploy")

        // A second report goes into the same experiment (found by name, not created twice).
        let second = try await BinaryRun.quantwatch(
            [
                "report", "--config", workspace.fleet, "--baseline", "f16", "--target", "q40", "--rounds", "1",
                "--mlflow", server.url + "/", "--mlflow-experiment", "quant-loss",
            ])
        #expect(second.stderr.contains("in experiment 'quant-loss' (\(experimentID))"), "\(second.stderr)")

        await server.stop()
        // MLflow gone: the report is still printed and the error says what failed.
        let down = try await BinaryRun.quantwatch(
            [
                "report", "--config", workspace.fleet, "--baseline", "f16", "--target", "q40", "--rounds", "1",
                "--mlflow", server.url,
            ])
        #expect(down.status == 2)
        #expect(down.stdout.contains("**Verdict: do not deploy**"), "\(down.stdout)")
        #expect(
            down.stderr.contains("mlflow: the report was not logged: MLflow at \(server.url) is unreachable"),
            "\(down.stderr)")
        await workspace.stop()
    }
}

/// A real `mlflow server` on a free loopback port with a SQLite store in a scratch folder; stopping it ends its
/// worker processes too (found by parent pid: only the processes this test started).
struct MLflowServer {
    static var executable: String? {
        guard let path = ProcessInfo.processInfo.environment["QUANTWATCH_MLFLOW"], !path.isEmpty,
            FileManager.default.isExecutableFile(atPath: path)
        else { return nil }
        return path
    }

    let process: Process
    let url: String

    static func start(executable: String, folder: String) async throws -> MLflowServer {
        let port = try LoopbackPort.unusedOutsideEphemeralRange()
        let process = Process()
        // At the lowest priority: its Python start-up is seconds of CPU on 2 cores, which at normal priority
        // starved the timing tests running beside it (a scripted 50 ms TTFT read 3.5 s in CI).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
        process.arguments = [
            "-n", "19", executable, "server", "--host", "127.0.0.1", "--port", "\(port)", "--workers", "1",
            "--backend-store-uri", "sqlite:///\(folder)/mlflow.db", "--default-artifact-root", folder + "/artifacts",
        ]
        let log = folder + "/mlflow.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let server = MLflowServer(process: process, url: "http://127.0.0.1:\(port)")
        // A cold start (database migrations) takes seconds, longer on a loaded machine.
        for _ in 0..<360 {
            if (try? await server.get("experiments/get-by-name?experiment_name=Default")) != nil { return server }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        await server.stop()
        let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.suffix(2000) ?? ""
        throw MLflowStartFailure(description: "mlflow server did not answer on port \(port): \(tail)")
    }

    func get(_ endpoint: String) async throws -> [String: Any] {
        guard let address = URL(string: "\(url)/api/2.0/mlflow/\(endpoint)") else {
            throw MLflowStartFailure(description: "bad endpoint \(endpoint)")
        }
        let (data, response) = try await URLSession.shared.data(from: address)
        guard (response as? HTTPURLResponse)?.statusCode == 200,
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw MLflowStartFailure(description: "GET \(endpoint): \(String(decoding: data, as: UTF8.self))") }
        return object
    }

    func stop() async {
        guard process.isRunning else { return }
        let family = Self.descendants(of: process.processIdentifier) + [process.processIdentifier]
        for pid in family { kill(pid, SIGTERM) }
        for _ in 0..<100 where family.contains(where: { kill($0, 0) == 0 }) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        for pid in family where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    /// Every process below `root`, from the parent pids in /proc.
    static func descendants(of root: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[pid] = parent }
        }
        var found: [Int32] = []
        var frontier = [root]
        while let next = frontier.popLast() {
            let children = parents.filter { $0.value == next }.map(\.key)
            found += children
            frontier += children
        }
        return found
    }
}

struct MLflowStartFailure: Error, CustomStringConvertible {
    var description: String
}
