import QuantWatchDomain

/// What a piece of text means on screen; the theme turns it into a Style.
public enum ThemeRole: Sendable, Equatable, Hashable {
    case text
    case muted
    case border
    case title
    case header
    case accent
    case selection
    case baseline
    case state(AlertState)
}
