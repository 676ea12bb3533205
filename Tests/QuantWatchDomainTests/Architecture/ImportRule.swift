import Foundation

/// What each module under `Sources/` may import: the module graph of DESIGN.md, enforced by `ImportRuleTests`.
///
/// An allow-list, not a deny-list, so a new dependency is a decision someone writes down here (and in the
/// README's architecture section), never an accident.
enum ImportRule {
    /// Standard library and platform modules every module may use.
    static let everywhere: Set<String> = ["Foundation", "Synchronization", "Dispatch", "Glibc", "Darwin", "Musl"]

    static let allowed: [String: Set<String>] = [
        "QuantWatchDomain": ["DequeModule", "Histogram", "Yams"],
        "QuantWatchBackends": [
            "QuantWatchDomain", "DequeModule", "Logging", "NIOCore", "NIOPosix", "NIOHTTP1", "AsyncHTTPClient",
            "Subprocess", "AsyncAlgorithms", "ServiceLifecycle",
        ],
        "QuantWatchStore": ["QuantWatchDomain", "GRDB", "Logging"],
        "QuantWatchExport": [
            "QuantWatchDomain", "Prometheus", "Hummingbird", "NIOCore", "NIOHTTP1", "Logging", "ServiceLifecycle",
            "AsyncHTTPClient",
        ],
        "QuantWatchSimulator": [
            "QuantWatchDomain", "Hummingbird", "HTTPTypes", "NIOCore", "Logging", "ServiceLifecycle", "Yams",
        ],
        "QuantWatchTUI": ["QuantWatchDomain", "Yams"],
        "QuantWatchTerminal": ["CNcursesw", "QuantWatchDomain", "QuantWatchTUI"],
        "quantwatch": [
            "QuantWatchDomain", "QuantWatchBackends", "QuantWatchStore", "QuantWatchExport", "QuantWatchSimulator",
            "QuantWatchTUI", "QuantWatchTerminal", "ArgumentParser", "AsyncHTTPClient", "Logging",
            "ServiceLifecycle",
        ],
    ]

    struct Violation: Equatable, CustomStringConvertible {
        let file: String
        let line: Int
        let module: String
        let imported: String

        var description: String { "\(file):\(line): \(module) may not import \(imported)" }
    }

    /// Every `import` in `sourcesRoot/<Module>/**/*.swift` that its module may not make; a folder with no
    /// rule (a module nobody wrote down) is itself a violation at line 0.
    static func violations(sourcesRoot: URL) throws -> [Violation] {
        let files = FileManager.default
        var found: [Violation] = []
        for module in try files.contentsOfDirectory(atPath: sourcesRoot.path).sorted() {
            let folder = sourcesRoot.appendingPathComponent(module)
            guard module != "CNcursesw", isDirectory(folder) else { continue }
            guard let allowed = allowed[module] else {
                found.append(Violation(file: folder.path, line: 0, module: module, imported: "(no import rule)"))
                continue
            }
            let enumerator = files.enumerator(atPath: folder.path)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".swift") else { continue }
                let path = folder.appendingPathComponent(relative).path
                let text = try String(contentsOfFile: path, encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    guard let imported = importedModule(String(line)) else { continue }
                    if !everywhere.contains(imported) && !allowed.contains(imported) {
                        found.append(Violation(file: path, line: index + 1, module: module, imported: imported))
                    }
                }
            }
        }
        return found
    }

    /// The top-level module an `import` line names (`@preconcurrency import NIOCore`, `import struct GRDB.Row`,
    /// `@_exported import X`), or nil for any other line.
    static func importedModule(_ line: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal"].contains(first) {
            words.removeFirst()
        }
        guard words.first == "import", words.count >= 2 else { return nil }
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]
        let name = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
        return name.split(separator: ".").first.map(String.init)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
