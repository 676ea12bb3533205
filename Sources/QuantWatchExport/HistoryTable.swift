import Foundation
import QuantWatchDomain

/// Renders stored results as an aligned text table for `quantwatch history` (one row per probe, oldest first).
public struct HistoryTable: Sendable {
    /// Time zone the TIME column is shown in (the user's, by default).
    public var timeZone: TimeZone
    /// Longest ANSWER/ERROR cell, in characters.
    public var answerWidth: Int

    public init(timeZone: TimeZone = .current, answerWidth: Int = 40) {
        self.timeZone = timeZone
        self.answerWidth = max(8, answerWidth)
    }

    static let header = [
        "TIME", "TARGET", "CANARY", "CATEGORY", "OUTCOME", "E2E ms", "TTFT ms", "TPOT ms", "TOKENS",
        "RETRY", "CORRECT", "ANSWER / ERROR",
    ]
    /// Columns holding numbers are right-aligned.
    private static let numeric: Set<Int> = [5, 6, 7, 8, 9]

    /// The whole table, lines joined by newlines (with a trailing one); a short note when there is nothing.
    public func render(_ results: [ProbeResult]) -> String {
        guard !results.isEmpty else { return "no results in that time range\n" }
        let rows = [Self.header] + results.map(cells)
        var widths = Array(repeating: 0, count: Self.header.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var out = ""
        for row in rows {
            let padded = row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                if index == row.count - 1 { return cell }
                return Self.numeric.contains(index) ? pad + cell : cell + pad
            }
            out += padded.joined(separator: "  ") + "\n"
        }
        return out
    }

    private func cells(_ result: ProbeResult) -> [String] {
        let time = Self.time(result.startedAt, timeZone: timeZone)
        let correct = result.correct.map { $0 ? "yes" : "no" } ?? Figures.missing
        switch result.outcome {
        case .success(let generation):
            return [
                time, result.targetID, result.canaryID, result.category, "ok",
                Figures.milliseconds(generation.e2e), Figures.milliseconds(generation.ttft),
                Figures.milliseconds(generation.tpot), String(generation.outputTokens),
                String(generation.retries), correct, clip(generation.text),
            ]
        case .failure(let failure):
            let status = failure.httpStatus.map { " (\($0))" } ?? ""
            return [
                time, result.targetID, result.canaryID, result.category, failure.errorClass.rawValue,
                Figures.milliseconds(failure.elapsed), Figures.missing, Figures.missing, Figures.missing,
                String(failure.retries), correct,
                clip(failure.message + status),
            ]
        }
    }

    private func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard flat.count > answerWidth else { return flat }
        return String(flat.prefix(answerWidth - 1)) + "…"
    }

    static func time(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0
        )
    }
}
