import Yams

/// The entries of one YAML mapping by key, keeping each key's node for its line and column.
struct MappingFields {
    /// The mapping node itself (its mark is where the mapping starts).
    let node: Node
    private var entries: [String: (key: Node, value: Node)] = [:]

    init(node: Node) {
        self.node = node
    }

    mutating func set(_ name: String, key: Node, value: Node) {
        entries[name] = (key, value)
    }

    /// The value under `name`, or nil when the key is absent.
    subscript(name: String) -> Node? {
        entries[name]?.value
    }

    /// The key node of `name`, for pointing at the key rather than its value.
    func keyNode(_ name: String) -> Node? {
        entries[name]?.key
    }

    func has(_ name: String) -> Bool {
        entries[name] != nil
    }
}
