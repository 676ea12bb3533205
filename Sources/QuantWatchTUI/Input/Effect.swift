/// What the run loop must do after a key: nothing, draw again, or quit.
public enum Effect: Sendable, Equatable {
    case none
    case redraw
    case quit
}
