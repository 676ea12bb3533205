import QuantWatchDomain

/// The target's last answers beside the baseline's answers to the same canaries.
struct AnswersPanel: Widget {
    let target: TargetSnapshot

    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme) {
        let panel = Panel(
            title: [Span("Last answers", .title)],
            rightTitle: [Span(target.baselineName.map { "baseline: \($0)" } ?? "no baseline", .muted)])
        panel.render(in: area, into: &buffer, theme: theme)
        let inner = panel.inner(area)
        guard !inner.isEmpty else { return }
        guard !target.lastAnswers.isEmpty else {
            Text.draw([Span("no answers yet", .muted)], in: inner.row(0), into: &buffer, theme: theme)
            return
        }
        // Canary ids often share a long prefix ("general-in-3"): cut them and they all read the same.
        let idWidth = min(max(12, target.lastAnswers.map { DisplayWidth.of($0.canaryID) }.max() ?? 0), inner.width / 4)
        let categoryWidth = min(max(9, target.lastAnswers.map { DisplayWidth.of($0.category) }.max() ?? 0), 14)
        let columns = [
            TableColumn("canary", width: idWidth), TableColumn("category", width: categoryWidth),
            TableColumn(target.id, width: 10, flexible: true), TableColumn("baseline", width: 10, flexible: true),
        ]
        let rows: [[[Span]]] = AnswersPanel.triageOrder(target.lastAnswers).map { pair in
            [
                [Span(pair.canaryID, .muted)],
                [Span(pair.category, .muted)],
                AnswersPanel.answer(pair.answer, correct: pair.correct, theme: theme),
                pair.baselineAnswer.map {
                    AnswersPanel.answer($0, correct: pair.baselineCorrect ?? false, theme: theme)
                } ?? [Span(Figures.missing, .muted)],
            ]
        }
        Table(columns: columns, rows: rows).render(in: inner, into: &buffer, theme: theme)
    }

    /// The answers an on-call reader needs first: right on the baseline but wrong here, then answers that
    /// differ from the baseline's, then other wrong ones, then the rest, each group in suite order.
    static func triageOrder(_ pairs: [AnswerPair]) -> [AnswerPair] {
        func rank(_ pair: AnswerPair) -> Int {
            if pair.baselineCorrect == true, !pair.correct { return 0 }
            if let baseline = pair.baselineAnswer,
                AnswerNormalizer.normalize(baseline) != AnswerNormalizer.normalize(pair.answer)
            {
                return 1
            }
            return pair.correct ? 3 : 2
        }
        return pairs.enumerated().sorted { lhs, rhs in
            let (left, right) = (rank(lhs.element), rank(rhs.element))
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// A mark for right/wrong, then the answer on one line.
    static func answer(_ text: String, correct: Bool, theme: Theme) -> [Span] {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return [
            Span(correct ? theme.glyphs.ok + " " : theme.glyphs.critical + " ", .state(correct ? .ok : .critical)),
            Span(flat, .text),
        ]
    }
}
