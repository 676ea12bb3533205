/// Resolves paths written in a config file against that file's folder, without touching the disk.
package enum PathResolver {
    /// The folder part of `path` (`"."` for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `reference` made absolute-or-relative-to-cwd: kept when absolute, `~/` expanded from HOME,
    /// otherwise joined to `folder`; `.` and `..` components are folded.
    package static func resolve(_ reference: String, relativeTo folder: String, environment: [String: String]) -> String
    {
        var joined: String
        if reference.hasPrefix("/") {
            joined = reference
        } else if reference == "~" || reference.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            joined = home + reference.dropFirst()
        } else {
            joined = folder == "." ? reference : folder + "/" + reference
        }
        joined = normalize(joined)
        return joined
    }

    /// Folds `.` and `..` components and repeated slashes; leading `..` of relative paths are kept.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let body = parts.joined(separator: "/")
        if absolute { return "/" + body }
        return body.isEmpty ? "." : body
    }
}
