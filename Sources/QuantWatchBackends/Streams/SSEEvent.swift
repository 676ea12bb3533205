/// One dispatched server-sent event: its type (`event:`), data lines joined with LF, and `id:` if any.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field; nil when the event had none (the spec's default type "message").
    public var event: String?
    /// Data lines joined by LF, as raw UTF-8 bytes (JSON decoders take bytes, so no String round trip).
    public var data: [UInt8]
    public var id: String?

    public init(event: String? = nil, data: [UInt8], id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// The data as text (invalid UTF-8 is repaired, never trapped on).
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// Whether this is the OpenAI-style end marker `data: [DONE]`.
    public var isDone: Bool { data.elementsEqual("[DONE]".utf8) }
}
