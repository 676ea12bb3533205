import Foundation

/// Removes the visible reasoning some models emit before their answer (`<think>...</think>`).
enum ReasoningStripper {
    private static let tags = [("<think>", "</think>"), ("<thinking>", "</thinking>"), ("<reasoning>", "</reasoning>")]

    /// The answer with closed reasoning blocks removed; a lone closing tag drops everything before it
    /// (some servers strip the opening tag from the template).
    ///
    /// An unclosed block is left as is.
    static func strip(_ answer: String) -> String {
        var text = answer
        for (open, close) in tags {
            while let start = text.range(of: open),
                let end = text.range(of: close, range: start.upperBound..<text.endIndex)
            {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
            if text.range(of: open) == nil, let end = text.range(of: close) {
                text.removeSubrange(text.startIndex..<end.upperBound)
            }
        }
        return text
    }
}
