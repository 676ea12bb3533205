import Foundation
import Yams

/// Reads theme files (flat YAML, one key per line) and resolves `--theme NAME|PATH`.
public struct ThemeLoader: Sendable {
    /// A loaded theme plus warnings (unknown keys) the CLI may print.
    public struct Loaded: Sendable {
        public var theme: Theme
        public var warnings: [String]
    }

    /// Folders searched for `NAME.yaml` before the built-in themes.
    public var directories: [String]

    public init(directories: [String] = []) {
        self.directories = directories
    }

    /// Parses theme YAML.
    ///
    /// A `base:` key names a built-in theme the file starts from (default: `default`);
    /// `name:` overrides the theme's name. Unknown keys give warnings, bad values an error.
    public func parse(_ text: String, name: String, source: String) throws -> Loaded {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ThemeError("\(source): not valid YAML: \(error)")
        }
        guard let node else { return Loaded(theme: Theme(name: name, colors: [:]), warnings: []) }
        guard let mapping = node.mapping else {
            throw ThemeError("\(source): a theme is a mapping of keys to colours")
        }
        var colors: [ThemeKey: Color] = [:]
        var warnings: [String] = []
        var themeName = name
        var base = "default"
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark.map { ":\($0.line)" } ?? ""
            // A list or mapping has no string: without this it read as "" and became the terminal default.
            guard valueNode.scalar != nil else {
                throw ThemeError("\(source)\(line): \(key): a list or mapping is not a colour or a name")
            }
            let value = valueNode.string ?? ""
            switch key {
            case "name":
                themeName = value
            case "base":
                guard BuiltInThemes.theme(named: value) != nil else {
                    throw ThemeError(
                        "\(source)\(line): base '\(value)' is not a built-in theme "
                            + "(\(BuiltInThemes.names.joined(separator: ", ")))")
                }
                base = value
            default:
                guard let themeKey = ThemeKey(rawValue: key) else {
                    warnings.append("\(source)\(line): unknown theme key '\(key)' ignored")
                    continue
                }
                guard let color = Color(parsing: value) else {
                    throw ThemeError(
                        "\(source)\(line): \(key): '\(value)' is not a colour (\"#RRGGBB\", \"#RGB\", 0-255 or default)"
                    )
                }
                colors[themeKey] = color
            }
        }
        var merged = BuiltInThemes.theme(named: base)?.sourceColors ?? BuiltInThemes.defaultPalette
        merged.merge(colors) { _, new in new }
        return Loaded(theme: Theme(name: themeName, colors: merged), warnings: warnings)
    }

    /// Loads a theme file (a btop `.theme` file, or quantwatch's YAML); its name is the file name without the
    /// extension.
    public func load(path: String) throws -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError("theme file \(path) cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError("theme file \(path) is not UTF-8")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if path.hasSuffix(".theme") { return try BtopThemeParser.parse(text, name: name, source: path) }
        return try parse(text, name: name, source: path)
    }

    /// A path (contains `/` or ends in `.yaml` or `.theme`), a `NAME.yaml` or btop `NAME.theme` in one of the
    /// directories, or a built-in name.
    public func resolve(_ nameOrPath: String) throws -> Loaded {
        if nameOrPath.contains("/") || [".yaml", ".yml", ".theme"].contains(where: nameOrPath.hasSuffix) {
            return try load(path: nameOrPath)
        }
        for directory in directories {
            for fileExtension in ["yaml", "theme"] {
                let candidate = (directory as NSString).appendingPathComponent("\(nameOrPath).\(fileExtension)")
                if FileManager.default.fileExists(atPath: candidate) { return try load(path: candidate) }
            }
        }
        if let theme = BuiltInThemes.theme(named: nameOrPath) { return Loaded(theme: theme, warnings: []) }
        throw ThemeError(
            "unknown theme '\(nameOrPath)': use one of \(BuiltInThemes.names.joined(separator: ", ")), "
                + "a .yaml path or a btop .theme file")
    }
}
