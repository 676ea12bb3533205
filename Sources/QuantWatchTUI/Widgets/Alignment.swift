/// Horizontal placement of text in a column.
public enum Alignment: Sendable, Equatable {
    case left
    case right
    case center
}
