/// One input event from the terminal: a key, a mouse click, or a new screen size.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Control plus a letter, e.g. `.control("c")` for ^C.
    case control(Character)
    case enter
    case escape
    case backspace
    case tab
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case function(Int)
    /// A left click at a cell (0-based).
    case mouse(x: Int, y: Int)
    case resize(Size)

    /// Parses a key spec from the fleet file: `q`, `space`, `enter`, `esc`, `tab`, `backspace`, `up`, `down`,
    /// `left`, `right`, `pgup`, `pgdn`, `home`, `end`, `f1`...`f12`, `ctrl-x`.
    public init?(spec: String) {
        let lowered = spec.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "tab": .tab, "backspace": .backspace, "up": .up, "down": .down, "left": .left, "right": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "home": .home,
            "end": .end,
        ]
        if spec.count > 1, let key = named[lowered] {
            self = key
        } else if spec.count == 1, let character = spec.first, !character.isWhitespace || character == " " {
            self = .character(character)
        } else if lowered.hasPrefix("ctrl-"), lowered.count == 6, let letter = lowered.last, letter.isLetter {
            self = .control(letter)
        } else if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number) {
            self = .function(number)
        } else {
            return nil
        }
    }

    /// How the key is written in the footer and the help overlay.
    public var label: String {
        switch self {
        case .character(" "): "space"
        case .character(let character): String(character)
        case .control(let letter): "^" + letter.uppercased()
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "bksp"
        case .tab: "tab"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .function(let number): "F\(number)"
        case .mouse: "click"
        case .resize: "resize"
        }
    }
}
