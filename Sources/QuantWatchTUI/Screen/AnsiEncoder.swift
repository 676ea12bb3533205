/// Encodes paint operations as ANSI/ECMA-48 escape sequences, as a terminal driver would send them.
///
/// Used to count the bytes a frame costs without a tty (the render benchmark), and by tests.
public struct AnsiEncoder: Sendable {
    public init() {}

    /// The bytes written for the operations.
    public func encode(_ operations: [PaintOperation]) -> [UInt8] {
        var bytes: [UInt8] = []
        for operation in operations {
            switch operation {
            case .move(let x, let y):
                bytes += Array("\u{1B}[\(y + 1);\(x + 1)H".utf8)
            case .style(let style):
                bytes += Array(sgr(style).utf8)
            case .text(let text):
                bytes += Array(text.utf8)
            }
        }
        return bytes
    }

    /// Number of bytes the operations take, without building them.
    public func byteCount(_ operations: [PaintOperation]) -> Int {
        operations.reduce(0) { total, operation in
            switch operation {
            case .move(let x, let y): total + "\u{1B}[\(y + 1);\(x + 1)H".utf8.count
            case .style(let style): total + sgr(style).utf8.count
            case .text(let text): total + text.utf8.count
            }
        }
    }

    /// Select Graphic Rendition for a whole style (reset first, as ncurses does when attributes drop).
    public func sgr(_ style: Style) -> String {
        var parts = ["0"]
        if style.bold { parts.append("1") }
        if style.dim { parts.append("2") }
        if style.underline { parts.append("4") }
        if style.reverse { parts.append("7") }
        parts += colorParameters(style.fg, foreground: true)
        parts += colorParameters(style.bg, foreground: false)
        return "\u{1B}[" + parts.joined(separator: ";") + "m"
    }

    private func colorParameters(_ color: Color, foreground: Bool) -> [String] {
        switch color {
        case .default:
            return []
        case .indexed(let index) where index < 8:
            return [String((foreground ? 30 : 40) + Int(index))]
        case .indexed(let index) where index < 16:
            return [String((foreground ? 90 : 100) + Int(index) - 8)]
        case .indexed(let index):
            return [foreground ? "38" : "48", "5", String(index)]
        case .rgb(let red, let green, let blue):
            return [foreground ? "38" : "48", "2", String(red), String(green), String(blue)]
        }
    }
}
