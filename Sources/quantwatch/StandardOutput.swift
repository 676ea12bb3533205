import Foundation

/// Line-buffered stdout for JSON lines, so a pipe sees each record when it is written.
enum StandardOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
