import Foundation

/// Writes to stderr (never stdout, which carries tables and JSON).
enum StandardError {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
