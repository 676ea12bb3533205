/// Finds the valid name closest to a misspelt one, for "did you mean" hints.
enum KeySuggester {
    /// The candidate nearest to `word` by edit distance, if it is close enough to be a plausible typo.
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // A third of the length (at least 1, at most 3) catches typos without suggesting unrelated keys.
        let limit = max(1, min(3, best.name.count / 3))
        if best.distance <= limit { return best.name }
        // `api_key` for `api_key_env`: a clear prefix is a good hint even when the distance is large.
        if lowered.count >= 3, let prefixed = candidates.first(where: { $0.hasPrefix(lowered) }) { return prefixed }
        return nil
    }

    /// Levenshtein distance (insert, delete, substitute) over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
