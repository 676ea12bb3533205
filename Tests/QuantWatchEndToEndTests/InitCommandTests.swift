import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport
import Testing

/// `quantwatch init` against simulated llama.cpp, Ollama and vLLM servers on loopback, and with none running;
/// then `quantwatch check` on what it wrote.
struct InitCommandTests {
    /// Three simulated builds of one model, each on its own ephemeral port (each answers every dialect).
    private static func startRuntimes() async throws -> SimFleet {
        try await SimFleet.start(
            models: [
                SimModel(id: "fp16", profile: .fp16), SimModel(id: "q8_0", profile: .q8_0),
                SimModel(id: "q4_k_m", profile: .q4_k_m),
            ],
            canaries: DemoSuite.canaries)
    }

    @Test(.timeLimit(.minutes(2)))
    func findsTheModelsPairsThemAndCheckPassesOnTheFile() async throws {
        let fleet = try await Self.startRuntimes()
        let home = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state"]
        let ports = fleet.servers.compactMap(\.port)
        let portsFlag = "llamacpp=\(ports[0]),ollama=\(ports[1]),vllm=\(ports[2])"

        // The runtimes are served by this test process, which a loaded machine can starve for seconds.
        let initRun = try await BinaryRun.quantwatch(
            ["init", "--ports", portsFlag, "--timeout", "30s"], environment: environment, in: home)
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(initRun.stdout.contains("llama.cpp on 127.0.0.1:\(ports[0]): 1 model"), "\(initRun.stdout)")
        #expect(initRun.stdout.contains("next: quantwatch check, then quantwatch run"))

        let config = try FleetConfigLoader.load(path: home + "/quantwatch.yaml", environment: [:])
        try #require(config.targets.map(\.backend) == [.llamacpp, .ollama, .openai], "\(initRun.stdout)")
        #expect(config.targets.map(\.quant) == ["F16", "Q8_0", "Q4_K_M"])
        let baseline = config.targets[0].id
        #expect(config.targets.map(\.baseline) == [nil, baseline, baseline])
        #expect(config.targets[2].url == "http://127.0.0.1:\(ports[2])/v1")

        // No --config: check finds ./quantwatch.yaml, says so, and reaches every target.
        let check = try await BinaryRun.quantwatch(["check"], environment: environment, in: home)
        await fleet.shutdown()
        #expect(check.status == 0, "stdout: \(check.stdout)\nstderr: \(check.stderr)")
        #expect(check.stderr.contains("using fleet file \(home)/quantwatch.yaml"), "\(check.stderr)")
        #expect(check.stdout.contains("ok, 3 targets"))
        #expect(!check.stdout.contains("no:"), "\(check.stdout)")
    }

    @Test(.timeLimit(.minutes(2)))
    func withNoRuntimeItWritesTheSimulatorFleetAndExamples() async throws {
        let home = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let closed = try (0..<3).map { _ in try LoopbackPort.unusedOutsideEphemeralRange() }
        let out = home + "/nested/fleet.yaml"
        let run = try await BinaryRun.quantwatch(
            ["init", "--out", out, "--ports", "llamacpp=\(closed[0]),ollama=\(closed[1]),vllm=\(closed[2])"],
            environment: ["HOME": home])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("nothing answered"))
        #expect(run.stdout.contains("quantwatch sim --port 18400 --models fp16,q4_k_m"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("#  - id: llama3-q4_k_m"))
        #expect(FileManager.default.fileExists(atPath: home + "/nested/fleet-canaries.yaml"))
        // The file is valid as written (whether the simulator is up decides only reachability).
        let check = try await BinaryRun.quantwatch(["check", "--config", out], environment: ["HOME": home])
        #expect(check.stdout.contains("config \(out): ok, 2 targets"), "\(check.stdout)\(check.stderr)")
    }

    @Test(.timeLimit(.minutes(2)))
    func neverOverwritesAFleetFileWithoutForce() async throws {
        let home = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let out = home + "/quantwatch.yaml"
        try "# mine\n".write(toFile: out, atomically: true, encoding: .utf8)
        let closed = try LoopbackPort.unusedOutsideEphemeralRange()
        let ports = "llamacpp=\(closed),ollama=off,vllm=off"
        let refused = try await BinaryRun.quantwatch(
            ["init", "--out", out, "--ports", ports], environment: ["HOME": home])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("\(out) exists; --force overwrites it"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "# mine\n")

        let forced = try await BinaryRun.quantwatch(
            ["init", "--out", out, "--ports", ports, "--force"], environment: ["HOME": home])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# quantwatch fleet file"))
    }

    @Test func badPortsAreAUsageErrorNamingTheEntry() async throws {
        let run = try await BinaryRun.quantwatch(["init", "--ports", "lamacpp=8080"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--ports: 'lamacpp=8080' is not RUNTIME=PORT (runtimes: llamacpp, ollama, vllm)"))
    }
}
