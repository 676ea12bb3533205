/// Finds the valid name closest to a misspelt one, for "did you mean" hints.
package enum KeySuggester {
    /// The candidate nearest to `word` by edit distance, if it is close enough to be a plausible typo.
    package static func nearest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        // A word that starts a valid name (`llama` for `llamacpp`) is a cut-short name, not a typo of another.
        if lowered.count >= 4, let completed = candidates.first(where: { $0.lowercased().hasPrefix(lowered) }) {
            return completed
        }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // A third of the length (at least 1, at most 3) catches typos without suggesting unrelated keys.
        let limit = max(1, min(3, best.name.count / 3))
        if best.distance <= limit { return best.name }
        // `api_key` for `api_key_env`, `exactly` for `exact`: a clear prefix is a good hint at any distance.
        guard lowered.count >= 3 else { return nil }
        return candidates.first { $0.count >= 3 && ($0.hasPrefix(lowered) || lowered.hasPrefix($0.lowercased())) }
    }

    /// Edit distance counting insert, delete, substitute and swapping two neighbours (optimal string alignment),
    /// so the common typo `modle` is one edit from `model`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
