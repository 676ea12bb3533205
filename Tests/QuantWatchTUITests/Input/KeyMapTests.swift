import Testing

@testable import QuantWatchTUI

struct KeyMapTests {
    @Test(arguments: [
        ("q", Key.character("q")), ("space", .character(" ")), ("enter", .enter), ("esc", .escape),
        ("pgdn", .pageDown), ("ctrl-r", .control("r")), ("f5", .function(5)), ("?", .character("?")),
        ("up", .up),
    ])
    func parsesKeySpecs(spec: String, key: Key) {
        #expect(Key(spec: spec) == key)
    }

    @Test(arguments: ["", "ctrl-", "f13", "shift-x", "enterr"])
    func rejectsBadKeySpecs(spec: String) {
        #expect(Key(spec: spec) == nil)
    }

    @Test func rebindingReplacesTheDefaultKeysOfThatAction() {
        let (map, errors) = KeyMap.make(overrides: ["sort": "o", "filter": "f, ctrl-f"])
        #expect(errors.isEmpty)
        #expect(map.action(for: .character("o")) == .sort)
        #expect(map.action(for: .character("s")) == nil)
        #expect(map.keys(for: .filter) == [.character("f"), .control("f")])
    }

    @Test func aRebindingTakesTheKeyFromAnotherAction() {
        let (map, errors) = KeyMap.make(overrides: ["sort": "j"])
        #expect(errors.isEmpty)
        #expect(map.action(for: .character("j")) == .sort)
        #expect(map.keys(for: .down) == [.down])
    }

    @Test func invalidEntriesAreReportedAndSkipped() {
        let (map, errors) = KeyMap.make(overrides: ["sortt": "o", "help": "shift-h", "drift": "x", "alerts": "x"])
        #expect(errors.count == 3)
        #expect(errors.contains { $0.message.hasPrefix("keys: unknown action 'sortt'") })
        #expect(errors.contains { $0.message.contains("'shift-h' is not a key") })
        #expect(errors.contains { $0.message.contains("already bound to alerts") })
        #expect(map.action(for: .character("?")) == .help, "a bad entry leaves the default in place")
    }

    @Test func helpOverlayIsGeneratedFromTheMap() {
        var ui = UIState(keyMap: KeyMap.make(overrides: ["sort": "o"]).keyMap, screenSize: Size(width: 120, height: 40))
        ui.routes = [.dashboard, .help]
        let text = render(Fixtures.snapshot, ui, size: ui.screenSize, theme: .mono).lines.joined(separator: "\n")
        #expect(text.contains("o           sort by the next column"))
        #expect(!text.contains("s           sort"))
    }
}
