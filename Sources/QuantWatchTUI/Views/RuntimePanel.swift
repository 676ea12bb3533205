import Foundation
import QuantWatchDomain

/// The runtime's own figures beside the client's, for triage: queue and cache, server TTFT against client TTFT,
/// token rates, Ollama load times, goodput, and client p95 over the runtime's queue on one time axis, so "slow
/// because queued" and "slow with an empty queue" look different.
struct RuntimePanel: Widget {
    /// Rows it needs: border, four lines of figures, three graph rows.
    static let height = 9

    let target: TargetSnapshot
    let stats: WindowStats
    let window: MetricWindow

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let runtime = target.runtime
        let source: String =
            switch runtime?.naming {
            case .llamacpp: "llama.cpp /metrics"
            case .vllm: "vLLM /metrics"
            case .unknown: "/metrics"
            case nil: runtime?.metricsURL == nil ? "response timings" : "/metrics"
            }
        // Times read as Figures.milliseconds writes them: bare below a second (ms), with an "s" above.
        let panel = Panel(title: [Span("Runtime", .title)], rightTitle: [Span(source + ", ms", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        var lines: [[Span]] = []
        if let error = runtime?.scrapeError {
            // Said once, here: the table only shows the queue as missing.
            lines.append([Span(error.description, error == .notEnabled ? .muted : .state(.warning))])
        }
        if let runtime, runtime.hasQueue || runtime.kvCacheUsage != nil {
            lines.append(queueLine(runtime))
        }
        lines.append(ttftLine(runtime))
        if let rates = ratesLine(runtime) { lines.append(rates) }
        if let load = loadLine(runtime?.timings) { lines.append(load) }
        if let goodput = goodputLine() { lines.append(goodput) }
        let graphRows = inner.height >= lines.count + 3 ? 3 : 0
        let text = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - graphRows)
        Text(lines: lines).render(in: text, into: &buffer, theme: theme)
        if graphRows == 3 { drawTimeAxis(in: inner.splitBottom(3).bottom, into: &buffer, theme: theme) }
    }

    private func queueLine(_ runtime: RuntimeSnapshot) -> [Span] {
        var spans: [Span] = [
            Span("queue ", .muted), Span(count(runtime.requestsWaiting), .text, attributes: .bold),
            Span(" waiting  ", .muted), Span(count(runtime.requestsRunning), .text), Span(" running", .muted),
        ]
        if let cache = runtime.kvCacheUsage { spans += [Span("  kv ", .muted), Span(Figures.percent(cache), .text)] }
        if let preemptions = runtime.preemptions, preemptions > 0 {
            spans += [Span("  preempt ", .muted), Span(count(preemptions), .text)]
        }
        return spans
    }

    /// Client TTFT p95 beside the server's own (histogram, else the responses' timings) and the gap between them.
    private func ttftLine(_ runtime: RuntimeSnapshot?) -> [Span] {
        let client = stats.ttft.count > 0 ? Figures.milliseconds(stats.ttft.p95) : Figures.missing
        var spans: [Span] = [Span("ttft p95 client ", .muted), Span(client, .text)]
        let server = runtime?.serverTTFT?.p95 ?? runtime?.timings?.serverTTFTP95
        spans += [Span("  server ", .muted), Span(Figures.milliseconds(server), .text)]
        if let gap = runtime?.timings?.clientGapP95 {
            spans += [Span("  gap ", .muted), Span(Figures.milliseconds(gap), .text)]
        }
        if let queue = runtime?.serverQueue?.p95 {
            spans += [Span("  queued ", .muted), Span(Figures.milliseconds(queue), .text)]
        }
        return spans
    }

    private func ratesLine(_ runtime: RuntimeSnapshot?) -> [Span]? {
        let generation = runtime?.generationTokensPerSecond ?? runtime?.timings?.evalTokensPerSecond
        let prompt = runtime?.promptTokensPerSecond ?? runtime?.timings?.promptTokensPerSecond
        guard generation != nil || prompt != nil else { return nil }
        let what = runtime?.generationTokensPerSecond != nil ? "server tok/s gen " : "eval tok/s "
        return [
            Span(what, .muted), Span(Figures.rate(generation), .text),
            Span("  prompt ", .muted), Span(Figures.rate(prompt), .text),
        ]
    }

    private func loadLine(_ timings: RuntimeSnapshot.ResponseTimings?) -> [Span]? {
        guard let timings, let last = timings.lastLoad else { return nil }
        return [
            Span("load ", .muted), Span(Figures.milliseconds(last), .text), Span("  max ", .muted),
            Span(Figures.milliseconds(timings.maxLoad ?? last), .text),
            Span("  cold loads ", .muted), Span(String(timings.coldLoads), .text),
            Span(" of \(timings.samples)", .muted),
        ]
    }

    private func goodputLine() -> [Span]? {
        guard target.slo != nil, let goodput = target.goodput[window] else { return nil }
        return [
            Span("goodput ", .muted), Span(Figures.percent(goodput.share), .text),
            Span("  \(Figures.rate(goodput.perSecond)) req/s", .muted),
        ]
    }

    /// Client p95 (one point per evaluation, at most one a second), the queue and the client's error rate (1m) at
    /// those same instants, newest on the right.
    private func drawTimeAxis(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let labelWidth = 7
        guard area.width > labelWidth + 2 else { return }
        let (labels, graphs) = area.splitLeft(labelWidth)
        let points = Array(target.history.suffix(graphs.width))
        let history = target.runtime?.history ?? []
        let queue = RuntimePanel.queue(at: points.map(\.at), from: history)
        Text.draw([Span("p95", .muted)], in: labels.row(0), into: &buffer, theme: theme)
        Text.draw([Span("queue", .muted)], in: labels.row(1), into: &buffer, theme: theme)
        Text.draw([Span("err%", .muted)], in: labels.row(2), into: &buffer, theme: theme)
        // Scaled to at least 5%, so a single failure among many probes stays a low bar.
        let errors = points.map(\.errorRate)
        let errorTop = max(0.05, errors.compactMap { $0 }.max() ?? 0)
        Sparkline(samples: errors.map { $0.map { max($0, errorTop / 1000) } }, maximum: errorTop, role: .text)
            .render(in: graphs.row(2), into: &buffer, theme: theme)
        Sparkline(samples: points.map(\.p95), role: .accent).render(in: graphs.row(0), into: &buffer, theme: theme)
        if history.isEmpty {
            Text.draw([Span("no scrapes", .muted)], in: graphs.row(1), into: &buffer, theme: theme)
        } else {
            // Scaled to at least 1, so an empty queue never reads as a full one; a scraped empty queue draws as the
            // lowest bar, so it differs from ticks before the first scrape (blank).
            let top = max(1, queue.compactMap { $0 }.max() ?? 0)
            let floored = queue.map { $0.map { max($0, top / 1000) } }
            Sparkline(samples: floored, maximum: top, role: .text).render(
                in: graphs.row(1), into: &buffer, theme: theme)
        }
    }

    /// The waiting count in force at each instant: the latest scrape at or before it (nil before the first).
    static func queue(at instants: [Date], from history: [RuntimeSnapshot.Point]) -> [Double?] {
        var index = 0
        var current: Double?
        return instants.map { instant in
            while index < history.count, history[index].at <= instant {
                current = history[index].waiting
                index += 1
            }
            return current
        }
    }

    private func count(_ value: Double?) -> String {
        guard let value, value.isFinite else { return Figures.missing }
        return Figures.fixed(value, decimals: value == value.rounded() ? 0 : 1)
    }
}
