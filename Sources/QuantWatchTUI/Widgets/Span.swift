/// A run of text with the role that styles it.
public struct Span: Sendable, Equatable {
    public var text: String
    public var role: ThemeRole
    /// Extra attributes on top of the role's style (for example bold for an emphasised figure).
    public var attributes: Style.Attributes

    public init(_ text: String, _ role: ThemeRole = .text, attributes: Style.Attributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }

    public var width: Int { DisplayWidth.of(text) }

    public func style(_ theme: Theme) -> Style { theme.style(role).adding(attributes) }
}
