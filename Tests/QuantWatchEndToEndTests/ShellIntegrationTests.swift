import Foundation
import QuantWatchTestSupport
import Testing

/// Shell completions and the committed man page cover every command `quantwatch --help` lists.
struct ShellIntegrationTests {
    /// The subcommand names of `quantwatch --help`.
    private static func subcommands() async throws -> [String] {
        let help = try await BinaryRun.quantwatch(["--help"])
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        return section.split(separator: "\n").compactMap { line in
            // Names sit at two spaces of indent; wrapped abstracts are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else {
                return nil
            }
            return String(name)
        }.filter { $0 != "See" }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptNamesEveryCommand(shell: String) async throws {
        let names = try await Self.subcommands()
        #expect(names.contains("init") && names.contains("run"), "\(names)")
        let run = try await BinaryRun.quantwatch(["--generate-completion-script", shell])
        #expect(run.status == 0)
        for name in names { #expect(run.stdout.contains(name), "\(shell) completion lacks \(name)") }
    }

    /// docs/quantwatch.1 is generated (`scripts/man.sh`); a command added without regenerating it fails here.
    @Test func committedManPageHasEveryCommand() async throws {
        let page = BuiltBinary.packageRoot().appendingPathComponent("docs/quantwatch.1").path
        let text = try String(contentsOfFile: page, encoding: .utf8)
        for name in try await Self.subcommands() {
            #expect(text.contains(".It Em \(name)\n"), "docs/quantwatch.1 lacks \(name): run scripts/man.sh")
        }
    }
}
