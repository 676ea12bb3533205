// Shared by the YAML loader fuzz targets (fleet, suite, faults); scripts/fuzz.sh compiles it beside each.

/// Lines as libyaml counts them: LF, CR, CRLF, NEL, LS and PS each end one. (An error at the end of the input
/// can name the line after the last: hence the checks allow two past the count.)
func yamlLines(_ text: String) -> Int {
    // Over scalars, not Characters: grapheme clusters can hide a break that libyaml counts (a fuzzed suite's
    // 201 breaks read as 198).
    var lines = 1
    var afterCR = false
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\r": lines += 1
        case "\n": if !afterCR { lines += 1 }
        case "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        default: break
        }
        afterCR = scalar == "\r"
    }
    return lines
}
