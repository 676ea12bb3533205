import Yams

/// Turns YAML text into its root node, or into a located issue when the text is not valid YAML.
enum YAMLDocument {
    /// What composing gave: the root node (nil for an empty document), or the syntax error.
    enum Outcome {
        case document(Node?)
        case failure(ConfigIssue)
    }

    /// The root node, or the syntax error with its line and column.
    static func compose(_ text: String, file: String) -> Outcome {
        do {
            return .document(try Yams.compose(yaml: text))
        } catch let error as YamlError {
            return .failure(issue(for: error, file: file, text: text))
        } catch {
            return .failure(ConfigIssue(file: file, line: 0, column: 0, message: "cannot parse YAML: \(error)"))
        }
    }

    /// The root node of a document that must not be empty; `emptyMessage` says what it should hold.
    static func root(_ text: String, file: String, emptyMessage: String) throws(ConfigError) -> Node {
        switch compose(text, file: file) {
        case .failure(let issue):
            throw ConfigError(issues: [issue])
        case .document(nil):
            throw ConfigError(issues: [ConfigIssue(file: file, line: 0, column: 0, message: emptyMessage)])
        case .document(let node?):
            return node
        }
    }

    private static func issue(for error: YamlError, file: String, text: String) -> ConfigIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return ConfigIssue(file: file, line: mark.line, column: mark.column, message: message)
        case .reader(let problem, let offset, _, _):
            let (line, column) = offset.map { position(ofCharacter: $0, in: text) } ?? (0, 0)
            return ConfigIssue(file: file, line: line, column: column, message: "invalid YAML text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let noun = duplicates.count == 1 ? "key" : "keys"
            return ConfigIssue(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate \(noun) \(names) in the same mapping")
        default:
            return ConfigIssue(file: file, line: 0, column: 0, message: "cannot parse YAML: \(error)")
        }
    }

    /// 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
