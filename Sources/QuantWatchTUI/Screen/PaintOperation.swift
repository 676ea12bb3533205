/// One step a terminal backend performs to paint a frame: move the cursor, switch style, or write text.
public enum PaintOperation: Sendable, Equatable {
    case move(x: Int, y: Int)
    case style(Style)
    case text(String)
}
