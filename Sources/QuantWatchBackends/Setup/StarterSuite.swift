import QuantWatchDomain

/// The canary suite `quantwatch init` writes beside a new fleet file: the demo's sixteen canaries (four per
/// category), which `quantwatch sim` also answers, as a file the user edits.
public enum StarterSuite {
    /// The suite file's text.
    public static func yaml(canaries: [Canary] = DemoSuite.canaries) -> String {
        var text = """
            # Canary prompts quantwatch sends to every target, with how each answer is scored.
            # Written by `quantwatch init`; edit freely. Keep answers short: every probe costs tokens.
            # Scorers: {exact: X}, {contains: [a, b], all: true}, {regex: "…", group: 1, expected: X},
            #          {numeric: 12.5, tolerance: 0.01}, {choice: "B"}, {json_field: "a.b", expected: X}
            name: starter
            canaries:

            """
        for canary in canaries {
            text += "  - id: \(YAMLText.quoted(canary.id))\n"
            text += "    category: \(canary.category)\n"
            for message in canary.messages where message.role == .system {
                text += "    system: \(YAMLText.quoted(message.content))\n"
            }
            let prompt = canary.messages.last { $0.role == .user }?.content ?? canary.promptText
            text += "    prompt: \(YAMLText.quoted(prompt))\n"
            text += "    max_tokens: \(canary.maxTokens)\n"
            text += "    scorer: \(scorer(canary.scorer))\n"
        }
        return text
    }

    private static func scorer(_ scorer: Scorer) -> String {
        switch scorer {
        case .exact(let expected):
            return "{exact: \(YAMLText.quoted(expected))}"
        case .contains(let needles, let all):
            return "{contains: [\(needles.map(YAMLText.quoted).joined(separator: ", "))]\(all ? ", all: true" : "")}"
        case .regex(let pattern, let group, let expected):
            var text = "{regex: \(YAMLText.quoted(pattern))"
            if group != 0 { text += ", group: \(group)" }
            if let expected { text += ", expected: \(YAMLText.quoted(expected))" }
            return text + "}"
        case .numeric(let value, let tolerance):
            let toleranceText = tolerance == 0 ? "" : ", tolerance: \(YAMLText.number(tolerance))"
            return "{numeric: \(YAMLText.number(value))\(toleranceText)}"
        case .choice(let letter):
            return "{choice: \(YAMLText.quoted(letter))}"
        case .jsonField(let path, let expected):
            return "{json_field: \(YAMLText.quoted(path)), expected: \(YAMLText.quoted(expected))}"
        }
    }
}
