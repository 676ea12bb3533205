import Foundation

/// Builds endpoint URLs from a target's base URL, tolerating a trailing slash and (where asked) a trailing `/v1`.
enum EndpointURL {
    static func make(base: String, path: String, dropVersionSuffix: Bool = false) -> String {
        var root = base.trimmingCharacters(in: .whitespaces)
        while root.hasSuffix("/") { root.removeLast() }
        if dropVersionSuffix, root.hasSuffix("/v1") { root.removeLast(3) }
        return root + path
    }
}
