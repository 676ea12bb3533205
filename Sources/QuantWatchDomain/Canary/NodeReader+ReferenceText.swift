import Foundation
import Yams

/// Reading a suite's `perplexity:` list: `{id, text}` or `{id, file}` (relative to the suite file).
extension NodeReader {
    static let referenceTextKeys = ["id", "text", "file"]

    mutating func referenceTexts(_ fields: MappingFields, suitePath: String) -> [ReferenceText] {
        guard fields.has("perplexity"), let nodes = sequence(fields, "perplexity") else { return [] }
        if nodes.isEmpty {
            report("'perplexity' is empty: list at least one {id, text} or {id, file}", at: fields["perplexity"])
        }
        let folder = (suitePath as NSString).deletingLastPathComponent
        var texts: [ReferenceText] = []
        var seen: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            let what = "perplexity text #\(index + 1)"
            let before = issues.count
            guard let entry = self.fields(of: node, allowed: Self.referenceTextKeys, what: what),
                issues.count == before
            else { continue }
            guard let id = string(entry, "id"), !id.trimmingSpaces().isEmpty else {
                report("\(what) is missing required field 'id'", at: entry.keyNode("id") ?? node)
                continue
            }
            if let line = seen[id] {
                report("duplicate perplexity text id '\(id)' (first defined at line \(line))", at: entry["id"])
                continue
            }
            seen[id] = entry["id"]?.mark?.line ?? 0
            switch (entry.has("text"), entry.has("file")) {
            case (true, true):
                report("perplexity text '\(id)' gives both 'text' and 'file': use one", at: entry.keyNode("file"))
            case (false, false):
                report("perplexity text '\(id)' needs 'text' (the text itself) or 'file' (a path)", at: node)
            case (true, false):
                guard let text = string(entry, "text"), !text.trimmingSpaces().isEmpty else {
                    report("perplexity text '\(id)' is empty", at: entry["text"] ?? node)
                    continue
                }
                texts.append(ReferenceText(id: id, text: text))
            case (false, true):
                guard let written = string(entry, "file"), !written.isEmpty else {
                    report("perplexity text '\(id)' has an empty 'file'", at: entry["file"] ?? node)
                    continue
                }
                let resolved = written.hasPrefix("/") || folder.isEmpty ? written : folder + "/" + written
                switch TextFile.read(resolved) {
                case .failure(let error):
                    let shown = written == resolved ? "" : " (\(resolved))"
                    report("cannot read perplexity file '\(written)'\(shown): \(error.reason)", at: entry["file"])
                case .success(let text) where text.trimmingSpaces().isEmpty:
                    report("perplexity file '\(written)' is empty", at: entry["file"])
                case .success(let text):
                    texts.append(ReferenceText(id: id, text: text, file: resolved))
                }
            }
        }
        return texts
    }
}
