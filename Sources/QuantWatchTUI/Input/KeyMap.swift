import Foundation

/// Which key triggers which action; the footer and the help overlay are generated from it.
public struct KeyMap: Sendable, Equatable {
    /// One binding.
    public struct Binding: Sendable, Equatable {
        public var key: Key
        public var action: Action

        public init(_ key: Key, _ action: Action) {
            self.key = key
            self.action = action
        }
    }

    /// In display order; an action may have several keys.
    public private(set) var bindings: [Binding]
    private var lookup: [Key: Action]

    public init(bindings: [Binding]) {
        self.bindings = bindings
        self.lookup = Dictionary(bindings.map { ($0.key, $0.action) }, uniquingKeysWith: { first, _ in first })
    }

    public static let standard = KeyMap(bindings: [
        Binding(.character("q"), .quit), Binding(.control("c"), .quit),
        Binding(.character("j"), .down), Binding(.down, .down),
        Binding(.character("k"), .up), Binding(.up, .up),
        Binding(.pageDown, .pageDown), Binding(.pageUp, .pageUp),
        Binding(.character("g"), .top), Binding(.home, .top),
        Binding(.character("G"), .bottom), Binding(.end, .bottom),
        Binding(.enter, .open), Binding(.escape, .back),
        Binding(.character("s"), .sort), Binding(.character("S"), .reverseSort),
        Binding(.character("/"), .filter), Binding(.character("w"), .window),
        Binding(.character(" "), .pause), Binding(.character("t"), .theme),
        Binding(.character("d"), .drift), Binding(.character("a"), .alerts),
        Binding(.character("p"), .probes), Binding(.character("?"), .help),
    ])

    /// The action of a key, if bound.
    public func action(for key: Key) -> Action? { lookup[key] }

    /// Keys bound to an action, in display order.
    public func keys(for action: Action) -> [Key] { bindings.filter { $0.action == action }.map(\.key) }

    /// The standard map with the fleet file's `keys:` entries applied (action name -> key spec, several keys
    /// separated by commas).
    ///
    /// A rebound action loses its default keys; a key taken from another action is
    /// moved. Bad entries are skipped and returned as errors.
    public static func make(overrides: [String: String]) -> (keyMap: KeyMap, errors: [KeyMapError]) {
        var errors: [KeyMapError] = []
        var rebound: [(Action, [Key])] = []
        var claimed: [Key: Action] = [:]
        for name in overrides.keys.sorted() {
            let spec = overrides[name] ?? ""
            guard let action = Action(rawValue: name) else {
                let names = Action.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(KeyMapError("keys: unknown action '\(name)' (actions: \(names))"))
                continue
            }
            var keys: [Key] = []
            for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
                let text = part == " " ? " " : part.trimmingCharacters(in: .whitespaces)
                guard let key = Key(spec: text) else {
                    errors.append(
                        KeyMapError(
                            "keys: \(name): '\(text)' is not a key (a character, space, enter, esc, tab, backspace, "
                                + "up, down, left, right, pgup, pgdn, home, end, f1-f12 or ctrl-x)"))
                    continue
                }
                if let other = claimed[key], other != action {
                    errors.append(KeyMapError("keys: \(name): '\(text)' is already bound to \(other.rawValue)"))
                    continue
                }
                claimed[key] = action
                keys.append(key)
            }
            if !keys.isEmpty { rebound.append((action, keys)) }
        }
        let reboundActions = Set(rebound.map(\.0))
        var bindings = standard.bindings.filter { !reboundActions.contains($0.action) && claimed[$0.key] == nil }
        for (action, keys) in rebound {
            let position = bindings.firstIndex { $0.action.sortOrder > action.sortOrder } ?? bindings.endIndex
            bindings.insert(contentsOf: keys.map { Binding($0, action) }, at: position)
        }
        return (KeyMap(bindings: bindings), errors)
    }
}

extension Action {
    /// Position in the help overlay.
    fileprivate var sortOrder: Int { Action.allCases.firstIndex(of: self) ?? 0 }
}
