import Foundation

/// Locates the built `quantwatch` binary: $QUANTWATCH_BIN, else <package>/.build/debug/quantwatch (built if
/// missing with `swift build --product quantwatch`).
enum QuantwatchBinary {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["QUANTWATCH_BIN"], !path.isEmpty { return path }
        let path = packageRoot.appendingPathComponent(".build/debug/quantwatch").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--product", "quantwatch"]
        process.currentDirectoryURL = packageRoot
        try process.run()
        process.waitUntilExit()
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TmuxError("quantwatch binary not found at \(path) and could not be built; set QUANTWATCH_BIN")
        }
        return path
    }
}
