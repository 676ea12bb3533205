/// One column of a Table: a header, a width (fixed, or a share of what is left) and an alignment.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    public var width: Int
    /// Flexible columns share the width fixed columns leave, `width` being their minimum.
    public var flexible: Bool
    public var alignment: Alignment

    public init(_ title: String, width: Int, flexible: Bool = false, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.flexible = flexible
        self.alignment = alignment
    }
}
