import Foundation

/// Finds the `quantwatch` (and `quantwatch-fixtures`) executable the tests drive: `$QUANTWATCH_BIN`, else the one built beside the running
/// test bundle (so `swift test --scratch-path X` tests X's binary, not another build's), else
/// `<package>/.build/debug/quantwatch`.
public enum BuiltBinary {
    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    public static func quantwatch(packageFile: String = #filePath) throws -> String {
        try executable("quantwatch", environmentKey: "QUANTWATCH_BIN", packageFile: packageFile)
    }

    /// `quantwatch-fixtures`, the test-only executable with the fixture dashboard and the crash-test store writer
    /// (`$QUANTWATCH_FIXTURES_BIN`, else beside the tests, else `<package>/.build/debug`).
    public static func fixtures(packageFile: String = #filePath) throws -> String {
        try executable("quantwatch-fixtures", environmentKey: "QUANTWATCH_FIXTURES_BIN", packageFile: packageFile)
    }

    private static func executable(_ name: String, environmentKey: String, packageFile: String) throws -> String {
        let files = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment[environmentKey], !explicit.isEmpty {
            guard files.isExecutableFile(atPath: explicit) else {
                throw NotFound(description: "\(environmentKey)=\(explicit) is not an executable file")
            }
            return explicit
        }
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = bundle.appendingPathComponent(name).path
        if files.isExecutableFile(atPath: beside) { return beside }
        let fallback = packageRoot(from: packageFile).appendingPathComponent(".build/debug/\(name)").path
        if files.isExecutableFile(atPath: fallback) { return fallback }
        throw NotFound(
            description: "no \(name) binary beside the tests or at \(fallback): run `swift build` "
                + "or set \(environmentKey)")
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
