import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport

/// `quantwatch init`: a commented starter fleet from the llama.cpp, Ollama and vLLM servers on this machine.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter fleet file from the llama.cpp, Ollama and vLLM servers running on this machine.",
        discussion: """
            Probes 127.0.0.1 on llama.cpp's port 8080 (/props, /v1/models), Ollama's 11434 (/api/tags) and vLLM's \
            8000 (/v1/models), makes a target of every model listed, and pairs each quantized build with the \
            F16/BF16 build of the same model where the names show it (…-f16 beside …-Q4_K_M). With no runtime \
            running, the file watches `quantwatch sim` and carries commented examples. A starter canary suite is \
            written beside it (an existing one is kept).
            """
    )

    @Option(name: .shortAndLong, help: "The fleet file to write.")
    var out = "quantwatch.yaml"

    @Flag(help: "Overwrite the fleet file if it exists (and the canary suite beside it).")
    var force = false

    @Option(
        help: ArgumentHelp(
            "Ports to probe instead of the defaults, e.g. llamacpp=8081,ollama=11434,vllm=off.",
            valueName: "runtime=port,…"))
    var ports: String?

    @Option(help: "How long each runtime may take to answer, e.g. 500ms, 5s (default: 2s).")
    var timeout: String?

    func validate() throws {
        _ = try probePorts()
        _ = try DurationOption.parse(timeout, flag: "--timeout")
    }

    func run() async throws {
        let files = FileManager.default
        let suiteFile = Self.suitePath(besides: out)
        if files.fileExists(atPath: out) && !force {
            StandardError.print("quantwatch init: \(out) exists; --force overwrites it (or --out another file)")
            throw ExitStatus.configError
        }
        let prober = RuntimeProber(timeout: try DurationOption.parse(timeout, flag: "--timeout") ?? .seconds(2))
        let probes = await prober.probe(try probePorts())
        let starter = StarterFleet(probes: probes, suitePath: (suiteFile as NSString).lastPathComponent)
        let keepSuite = files.fileExists(atPath: suiteFile) && !force
        do {
            let folder = (out as NSString).deletingLastPathComponent
            if !folder.isEmpty { try files.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            if !keepSuite { try StarterSuite.yaml().write(toFile: suiteFile, atomically: true, encoding: .utf8) }
            try starter.yaml().write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            StandardError.print("quantwatch init: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        report(starter, suiteFile: suiteFile, keptSuite: keepSuite)
    }

    private func report(_ starter: StarterFleet, suiteFile: String, keptSuite: Bool) {
        for probe in starter.probes {
            let state = probe.models.map { "\($0.count) model\($0.count == 1 ? "" : "s")" } ?? "nothing answered"
            print("\(probe.runtime.displayName) on 127.0.0.1:\(probe.port): \(state)")
        }
        var table = TextTable(
            headers: ["target", "backend", "url", "quant", "baseline"],
            alignments: [.left, .left, .left, .left, .left])
        for target in starter.targets {
            table.append([
                target.id, target.model.runtime.backend.rawValue, target.model.url, target.quant ?? Figures.missing,
                target.baseline ?? Figures.missing,
            ])
        }
        print("")
        print(table.render())
        print("wrote \(out)" + (keptSuite ? " (kept the existing \(suiteFile))" : " and \(suiteFile)"))
        let config = out == "quantwatch.yaml" ? "" : " --config \(out)"
        if starter.models.isEmpty {
            print("no runtime listed a model: the fleet watches the simulator; start it with")
            print("  quantwatch sim --port \(starter.simulatorPort) --models fp16,q4_k_m")
        }
        print("next: quantwatch check\(config), then quantwatch run\(config)")
    }

    /// `<stem>-canaries.yaml` in the fleet file's folder.
    static func suitePath(besides fleet: String) -> String {
        let url = URL(fileURLWithPath: fleet)
        let name = url.deletingPathExtension().lastPathComponent + "-canaries.yaml"
        let folder = (fleet as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Every runtime with its port: the defaults, with `--ports` entries replacing them (`off` or 0 drops one).
    private func probePorts() throws -> [(runtime: LocalRuntime, port: Int)] {
        var chosen = Dictionary(uniqueKeysWithValues: LocalRuntime.allCases.map { ($0, $0.defaultPort) })
        let names = LocalRuntime.allCases.map(\.rawValue).joined(separator: ", ")
        for entry in (ports ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !entry.isEmpty {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let runtime = LocalRuntime(rawValue: parts[0].lowercased()) else {
                throw ValidationError("--ports: '\(entry)' is not RUNTIME=PORT (runtimes: \(names))")
            }
            if parts[1] == "off" || parts[1] == "0" {
                chosen[runtime] = nil
                continue
            }
            guard let port = Int(parts[1]), (1...65535).contains(port) else {
                throw ValidationError("--ports: '\(parts[1])' is not a port (1-65535, or off) in '\(entry)'")
            }
            chosen[runtime] = port
        }
        return LocalRuntime.allCases.compactMap { runtime in chosen[runtime].map { (runtime, $0) } }
    }
}
