/// What a key does; the raw value is the name used to rebind it in the fleet file's `keys:` map.
public enum Action: String, Sendable, Equatable, Hashable, CaseIterable {
    case quit
    case down
    case up
    case pageDown = "page_down"
    case pageUp = "page_up"
    case top
    case bottom
    case open
    case back
    case sort
    case reverseSort = "reverse_sort"
    case filter
    case window
    case pause
    case theme
    case drift
    case alerts
    case probes
    case help

    /// One line for the help overlay.
    public var help: String {
        switch self {
        case .quit: "quit"
        case .down: "select next row"
        case .up: "select previous row"
        case .pageDown: "one page down"
        case .pageUp: "one page up"
        case .top: "first row"
        case .bottom: "last row"
        case .open: "open the selected target"
        case .back: "go back / clear filter"
        case .sort: "sort by the next column"
        case .reverseSort: "reverse the sort order"
        case .filter: "filter targets (enter keeps, esc clears)"
        case .window: "cycle window 1m / 5m / 15m / 1h"
        case .pause: "freeze the picture (probing goes on)"
        case .theme: "next colour theme"
        case .drift: "drift against baselines"
        case .alerts: "alert event log"
        case .probes: "top: one row per probe / per target"
        case .help: "this help"
        }
    }

    /// Short word for the footer; nil keeps the action out of the footer.
    public var footer: String? {
        switch self {
        case .quit: "quit"
        case .down: "move"
        case .open: "detail"
        case .back: "back"
        case .sort: "sort"
        case .filter: "filter"
        case .window: "window"
        case .pause: "pause"
        case .theme: "theme"
        case .drift: "drift"
        case .alerts: "alerts"
        case .help: "help"
        default: nil
        }
    }
}
