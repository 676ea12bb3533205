import Foundation

/// Small file-system helpers for config tests.
enum FileManagerHelper {
    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
