import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchDomain

/// `quantwatch baseline`: recorded baselines, so production needs no FP16 build running beside the quantized one.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record a target's answers to every canary, to compare against later (baseline_file:).",
        subcommands: [Record.self]
    )
}

extension BaselineCommand {
    /// `quantwatch baseline record --target T --out FILE [--rounds N]`.
    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Probe a target with every canary of its suites N times and write a baseline file (JSON)."
        )

        @OptionGroup var options: ConfigOptions

        @Option(help: "Id of the target to record.")
        var target: String

        @Option(help: "Baseline file to write (JSON).")
        var out: String

        @Option(help: "Rounds of every canary; several give the recording's own run-to-run agreement.")
        var rounds = 3

        func validate() throws {
            guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds)") }
        }

        func run() async throws {
            let config = try options.load()
            let recorder: BaselineRecorder
            do {
                recorder = try BaselineRecorder(config: config, targetID: target)
            } catch {
                StandardError.print("quantwatch: \(error)")
                throw ExitStatus.configError
            }
            // Refuse an unwritable destination before spending minutes probing.
            let destination = URL(fileURLWithPath: out)
            guard FileManager.default.createFile(atPath: out + ".partial", contents: nil) else {
                StandardError.print(
                    "quantwatch: cannot write \(out): the folder \(destination.deletingLastPathComponent().path) "
                        + "is missing or not writable")
                throw ExitStatus.configError
            }
            let runtime = FleetRuntime(config: config)
            let recorded = recorder.target
            guard let backend = runtime.backends[recorded.id] else {
                await runtime.shutdown()
                try? FileManager.default.removeItem(atPath: out + ".partial")
                StandardError.print("quantwatch: no backend for target '\(recorded.id)'")
                throw ExitStatus.configError
            }
            if case .failure(let failure) = await backend.checkReachable() {
                await runtime.shutdown()
                try? FileManager.default.removeItem(atPath: out + ".partial")
                StandardError.print(
                    "quantwatch: target '\(recorded.id)' at \(recorded.url) is unreachable: "
                        + "\(failure.errorClass.rawValue): \(failure.message)")
                throw ExitCode(1)
            }
            let canaries = config.canaries(for: recorded).count
            StandardError.print("recording \(recorded.id): \(canaries) canaries x \(rounds) rounds")
            let identity = await ServerIdentityProbe.identify(
                recorded, httpClient: runtime.httpClient, environment: ProcessInfo.processInfo.environment)
            let file = await recorder.record(
                rounds: rounds, backend: backend, identity: identity, progress: { StandardError.print($0) })
            await runtime.shutdown()
            do {
                try file.encoded().write(to: URL(fileURLWithPath: out + ".partial"))
                _ = try? FileManager.default.removeItem(at: destination)
                try FileManager.default.moveItem(atPath: out + ".partial", toPath: out)
            } catch {
                try? FileManager.default.removeItem(atPath: out + ".partial")
                StandardError.print("quantwatch: cannot write \(out): \(error.localizedDescription)")
                throw ExitStatus.configError
            }
            let answered = file.canaries.filter { $0.latest != nil }.count
            let floor = RecordedBaseline(path: out, file: file).noiseFloor
            let noise = floor.map { ", run-to-run agreement " + Figures.percent($0.agreement, decimals: 1) } ?? ""
            StandardError.print("wrote \(out): \(answered) of \(file.canaries.count) canaries answered\(noise)")
            if answered < file.canaries.count { throw ExitCode(1) }
        }
    }
}
