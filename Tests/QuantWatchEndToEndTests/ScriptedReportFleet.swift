import Foundation
import QuantWatchTestSupport

/// Two scripted llama.cpp servers whose answers are fixed per canary, so every accuracy, agreement and size figure
/// of a report on them is known exactly beforehand.
enum ScriptedReportFleet {
    /// Canary id, prompt, expected answer.
    static let canaries: [(id: String, category: String, prompt: String, answer: String)] = [
        ("g1", "general", "Capital of France?", "Paris"),
        ("g2", "general", "Capital of Japan?", "Tokyo"),
        ("g3", "general", "Capital of Italy?", "Rome"),
        ("g4", "general", "Capital of Spain?", "Madrid"),
        ("g5", "general", "Capital of Peru?", "Lima"),
        ("g6", "general", "Capital of Chile?", "Santiago"),
        ("m1", "math", "What is 2+2?", "4"),
        ("m2", "math", "What is 3+3?", "6"),
        ("m3", "math", "What is 4+4?", "8"),
        ("m4", "math", "What is 5+5?", "10"),
        ("m5", "math", "What is 6+6?", "12"),
        ("m6", "math", "What is 7+7?", "14"),
    ]

    /// The wrong answers of each side.
    ///
    /// The baseline misses g6; the quantized build gets g6 right but misses m1-m5: general +16.7 points,
    /// math -83.3 (5 of 5 discordant pairs worse: p = 1/32, significant), overall -33.3 (6 discordant, 5 worse:
    /// p = 7/64, not significant). The verdict follows the worst significant scope: do not deploy.
    static let baselineWrong: [String: String] = ["g6": "Valparaiso"]
    static let targetWrong: [String: String] = ["m1": "5", "m2": "7", "m3": "9", "m4": "11", "m5": "13"]

    static func suiteYAML() -> String {
        var yaml = "name: scripted\ncanaries:\n"
        for canary in canaries {
            yaml += "  - {id: \(canary.id), category: \(canary.category), prompt: \"\(canary.prompt)\", "
            yaml += "scorer: {exact: \"\(canary.answer)\"}}\n"
        }
        return yaml
    }

    /// A llama.cpp server answering every canary from `wrong` or else right; `/props` names `modelPath`.
    static func server(wrong: [String: String], modelPath: String) async throws -> ScriptedHTTPServer {
        try await ScriptedHTTPServer.start { request in
            switch (request.method, request.path) {
            case ("GET", "/health"):
                return .body(#"{"status":"ok"}"#)
            case ("GET", "/props"):
                return .body(#"{"model_path":"\#(modelPath)","build_info":"b1-scripted"}"#)
            case ("POST", "/completion"):
                let prompt = request.json?["prompt"] as? String ?? ""
                guard let canary = canaries.first(where: { prompt.contains($0.prompt) }) else {
                    return .body(#"{"error":{"code":400,"message":"unknown prompt"}}"#, status: 400)
                }
                let answer = wrong[canary.id] ?? canary.answer
                return .sse(
                    [
                        ScriptedResponse.event(#"{"content":"\#(answer)","stop":false}"#),
                        ScriptedResponse.event(#"{"content":"","stop":true,"tokens_predicted":1}"#),
                    ], firstDelay: .milliseconds(5))
            default:
                return .body(#"{"error":"not found"}"#, status: 404)
            }
        }
    }

    /// A folder with the suite, two model files (1.5 MB and 0.5 MB), both servers and `fleet.yaml`.
    struct Workspace {
        let folder: String
        let base: ScriptedHTTPServer
        let quant: ScriptedHTTPServer
        var fleet: String { folder + "/fleet.yaml" }

        static func start() async throws -> Workspace {
            let folder = try StoreTestSupport.temporaryDirectory()
            try Data(count: 1_500_000).write(to: URL(fileURLWithPath: folder + "/model-F16.gguf"))
            try Data(count: 500_000).write(to: URL(fileURLWithPath: folder + "/model-Q4_0.gguf"))
            let base = try await server(wrong: baselineWrong, modelPath: folder + "/model-F16.gguf")
            let quant = try await server(wrong: targetWrong, modelPath: folder + "/model-Q4_0.gguf")
            try suiteYAML().write(toFile: folder + "/suite.yaml", atomically: true, encoding: .utf8)
            try """
            suite: suite.yaml
            timeouts: {connect: 2s, total: 10s}
            retries: {max: 0}
            alerts: {min_pairs: 5}
            targets:
              - {id: f16, backend: llamacpp, url: "\(base.baseURL)", quant: F16, metrics_url: "off"}
              - {id: q40, backend: llamacpp, url: "\(quant.baseURL)", quant: Q4_0, metrics_url: "off"}

            """.write(toFile: folder + "/fleet.yaml", atomically: true, encoding: .utf8)
            return Workspace(folder: folder, base: base, quant: quant)
        }

        func stop() async {
            await base.shutdown()
            await quant.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}
