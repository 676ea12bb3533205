import Foundation

/// Reads a config file as UTF-8 text, with a short human reason when it cannot.
enum TextFile {
    static func read(_ path: String) -> Result<String, TextFileError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(TextFileError(reason: "no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(TextFileError(reason: "it is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(TextFileError(reason: "permission denied or unreadable"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(TextFileError(reason: "not valid UTF-8 text"))
        }
        return .success(text)
    }
}

/// Why a config file could not be read.
struct TextFileError: Error {
    let reason: String
}
