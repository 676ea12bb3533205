import Foundation
import QuantWatchTestSupport
import Testing

/// The module graph holds: the domain stays pure, the TUI sees only the domain, no module imports test code.
struct ImportRuleTests {
    @Test
    func everyModuleImportsOnlyWhatItMay() throws {
        let sources = BuiltBinary.packageRoot().appendingPathComponent("Sources")
        let violations = try ImportRule.violations(sourcesRoot: sources)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    @Test
    func aForbiddenImportIsReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("import-rule-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let write = { (module: String, file: String, text: String) in
            let folder = root.appendingPathComponent(module).appendingPathComponent("Sub")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try write("QuantWatchDomain", "Pure.swift", "import Foundation\nimport DequeModule\n")
        try write("QuantWatchDomain", "Leak.swift", "import Foundation\n@preconcurrency import NIOCore\n")
        try write("QuantWatchTUI", "View.swift", "import QuantWatchDomain\nimport struct GRDB.Row\n")
        try write("QuantWatchTUI", "Tested.swift", "@testable import QuantWatchBackends\n")
        try write("quantwatch", "Main.swift", "import QuantWatchTestSupport\n")
        try write("QuantWatchNew", "New.swift", "import Foundation\n")

        let found = try ImportRule.violations(sourcesRoot: root).map { "\($0.module) \($0.imported)" }.sorted()
        #expect(
            found == [
                "QuantWatchDomain NIOCore", "QuantWatchNew (no import rule)", "QuantWatchTUI GRDB",
                "QuantWatchTUI QuantWatchBackends", "quantwatch QuantWatchTestSupport",
            ])
    }

    @Test
    func importLinesAreRead() {
        #expect(ImportRule.importedModule("import Foundation") == "Foundation")
        #expect(ImportRule.importedModule("@preconcurrency import NIOCore") == "NIOCore")
        #expect(ImportRule.importedModule("import struct GRDB.Row") == "GRDB")
        #expect(ImportRule.importedModule("// import GRDB") == nil)
        #expect(ImportRule.importedModule("let important = 1") == nil)
    }
}
