/// Anything that draws itself into a buffer area; it clips silently and never throws.
public protocol Widget {
    func render(in area: Rect, into buffer: inout ScreenBuffer, theme: Theme)
}
