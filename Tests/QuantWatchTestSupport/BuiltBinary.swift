import Foundation

/// Finds the `quantwatch` executable the tests drive: `$QUANTWATCH_BIN`, else the one built beside the running
/// test bundle (so `swift test --scratch-path X` tests X's binary, not another build's), else
/// `<package>/.build/debug/quantwatch`.
public enum BuiltBinary {
    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    public static func quantwatch(packageFile: String = #filePath) throws -> String {
        let files = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["QUANTWATCH_BIN"], !explicit.isEmpty {
            guard files.isExecutableFile(atPath: explicit) else {
                throw NotFound(description: "QUANTWATCH_BIN=\(explicit) is not an executable file")
            }
            return explicit
        }
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = bundle.appendingPathComponent("quantwatch").path
        if files.isExecutableFile(atPath: beside) { return beside }
        let fallback = packageRoot(from: packageFile).appendingPathComponent(".build/debug/quantwatch").path
        if files.isExecutableFile(atPath: fallback) { return fallback }
        throw NotFound(
            description: "no quantwatch binary beside the tests or at \(fallback): run `swift build` "
                + "or set QUANTWATCH_BIN")
    }

    /// The folder holding Package.swift above a source file of the package.
    public static func packageRoot(from file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return url
    }
}
