import Foundation
import QuantWatchDomain

/// Runs llama.cpp's `llama-perplexity` on a GGUF file over the reference texts.
///
/// The figure is computed from the log-probabilities the tool saves with `--save-all-logits` (written
/// synchronously), not read from its log: the tool logs through a background thread that it does not drain at
/// exit, so its last lines, `Final estimate` among them, are often lost on a busy machine. The tool needs at least
/// two contexts' worth of tokens: a shorter text is scored again with a smaller context.
public enum LlamaPerplexityRunner {
    /// Contexts tried, largest first (512 is the tool's default).
    static let contexts = [512, 256, 128, 64, 32, 16, 8]

    public static func measure(binary: String, model: String, texts: [ReferenceText]) async -> PerplexityMeasurement {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "quantwatch-ppl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return .unavailable("n/a: cannot create a temporary folder for llama-perplexity (\(error))")
        }
        let input = folder.appendingPathComponent("reference.txt").path
        let logits = folder.appendingPathComponent("logits.bin").path
        let joined = texts.map(\.text).joined(separator: "\n\n")
        guard FileManager.default.createFile(atPath: input, contents: Data(joined.utf8)) else {
            return .unavailable("n/a: cannot write the reference texts for llama-perplexity")
        }
        var tried = Set<Int>()
        var context = contexts[0]
        var lastOutput = Output(status: 0, text: "")
        while tried.insert(context).inserted {
            try? FileManager.default.removeItem(atPath: logits)
            // One thread: the tiny models this runs on decode in milliseconds, and OpenMP threads spinning on a
            // shared 2-core machine made each pass 20x slower.
            let output = await run(
                binary,
                [
                    "-m", model, "-f", input, "-c", "\(context)", "-b", "\(context)", "-t", "1", "--no-warmup",
                    "--save-all-logits", logits,
                ], log: folder.appendingPathComponent("run.log").path)
            lastOutput = output
            if let data = FileManager.default.contents(atPath: logits), let scored = Self.scored(logitsFile: data) {
                // The tool saves log-probs down to 16 nats below the most likely token; a token below that floor
                // counts at the floor, so the figure is then a lower bound (a model that knows its text rarely
                // puts a token there).
                let note =
                    scored.floored > 0
                    ? "\(scored.floored) of \(scored.tokens) tokens at llama-perplexity's 16-nat floor (a lower bound)"
                    : nil
                return PerplexityMeasurement(
                    perplexity: exp(scored.nll / Double(scored.tokens)), method: .llamaPerplexity,
                    tokens: scored.tokens,
                    note: note)
            }
            if let value = finalEstimate(output.text) {
                return PerplexityMeasurement(perplexity: value, method: .llamaPerplexity)
            }
            guard output.status == 0 || tokenCount(output.text) != nil else { break }
            // Too few tokens for this context: half the token count when the tool said it, else the next size.
            if let tokens = tokenCount(output.text), let fitting = contexts.first(where: { 2 * $0 <= tokens }) {
                context = fitting
            } else if let next = contexts.first(where: { $0 < context }) {
                context = next
            }
        }
        if let tokens = tokenCount(lastOutput.text) {
            return .unavailable(
                "n/a: the reference texts are \(tokens) tokens; llama-perplexity needs at least \(2 * (contexts.last ?? 8))"
            )
        }
        let tail = lastOutput.text.split(separator: "\n").suffix(2).joined(separator: " / ")
        return .unavailable("n/a: llama-perplexity gave no estimate (exit \(lastOutput.status)): \(tail)")
    }

    /// Negative log-likelihood and count of the tokens scored in a `--save-all-logits` file: `_logits_`, n_ctx,
    /// n_vocab, n_chunk (int32), the tokens (n_chunk x n_ctx int32), then per chunk, for each position of its
    /// second half but the last, a row of 2·⌈n_vocab/2⌉ + 4 uint16: scale and min log-prob (float32), then each
    /// token's log-prob quantized as (log-prob − min) / scale (0: at most min).
    public static func scored(logitsFile data: Data) -> (nll: Double, tokens: Int, floored: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count >= 20, bytes.prefix(8).elementsEqual("_logits_".utf8) else { return nil }
        func int32(_ offset: Int) -> Int {
            Int(
                Int32(
                    bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                        | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24))
        }
        func float32(_ offset: Int) -> Double {
            Double(Float(bitPattern: UInt32(int32(offset) & 0xFFFF_FFFF)))
        }
        func uint16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        let nCtx = int32(8)
        let nVocab = int32(12)
        let nChunk = int32(16)
        guard nCtx > 2, nVocab > 0, nChunk > 0 else { return nil }
        let tokensStart = 20
        let rowsStart = tokensStart + 4 * nChunk * nCtx
        let rowBytes = 2 * (2 * ((nVocab + 1) / 2) + 4)
        let first = nCtx / 2
        let rowsPerChunk = nCtx - 1 - first
        guard rowsPerChunk > 0, bytes.count >= rowsStart + nChunk * rowsPerChunk * rowBytes else { return nil }
        var nll = 0.0
        var count = 0
        var floored = 0
        for chunk in 0..<nChunk {
            for position in 0..<rowsPerChunk {
                let row = rowsStart + (chunk * rowsPerChunk + position) * rowBytes
                let token = int32(tokensStart + 4 * (chunk * nCtx + first + position + 1))
                guard token >= 0, token < nVocab else { return nil }
                let quantized = uint16(row + 8 + 2 * token)
                if quantized == 0 { floored += 1 }
                nll -= float32(row + 4) + float32(row) * Double(quantized)
                count += 1
            }
        }
        return count > 0 ? (nll, count, floored) : nil
    }

    /// `Final estimate: PPL = 12.3456 +/- 0.12345`, when the tool's log kept it.
    public static func finalEstimate(_ text: String) -> Double? {
        guard let range = text.range(of: "Final estimate: PPL = ") else { return nil }
        let number = text[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(number).flatMap { $0.isFinite ? $0 : nil }
    }

    /// `the data file you provided tokenizes to only 123 tokens`.
    public static func tokenCount(_ text: String) -> Int? {
        guard let range = text.range(of: "tokenizes to only ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    struct Output {
        var status: Int32
        var text: String
    }

    /// Runs the tool with stdout and stderr into one log file (it logs to stderr), off the cooperative pool.
    static func run(_ binary: String, _ arguments: [String], log: String) async -> Output {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: log) else { return Output(status: -1, text: "cannot log") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: -1)
            }
        }
        try? handle.close()
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return Output(status: status, text: status == -1 && text.isEmpty ? "cannot run \(binary)" : text)
    }
}
