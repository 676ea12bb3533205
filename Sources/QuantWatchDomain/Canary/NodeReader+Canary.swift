import Yams

/// Reading one canary of a suite.
extension NodeReader {
    /// The canary and its `id` node, or nil after reporting what is wrong with it.
    mutating func canary(_ node: Node, position: Int, defaults: CanaryDefaults) -> (Canary, Node)? {
        let what = "canary #\(position)"
        guard let fields = self.fields(of: node, allowed: CanarySuiteLoader.canaryKeys, what: what) else { return nil }
        let before = issues.count
        let id = string(fields, "id")
        let label = id.map { "canary '\($0)'" } ?? what
        if id == nil && fields["id"].map({ $0.isNull }) ?? true {
            report("\(label) is missing required field 'id'", at: fields.keyNode("id") ?? node)
        }
        let category = string(fields, "category") ?? defaults.category
        let maxTokens = int(fields, "max_tokens", in: CanarySuiteLoader.maxTokensRange) ?? defaults.maxTokens
        let messages = messages(fields, label: label, node: node)
        var scorer: Scorer?
        if let scorerNode = fields["scorer"] {
            scorer = self.scorer(scorerNode)
        } else {
            report("\(label) is missing required field 'scorer' (e.g. scorer: {exact: \"Paris\"})", at: node)
        }
        guard issues.count == before, let id, let scorer, let idNode = fields["id"] else { return nil }
        return (Canary(id: id, category: category, messages: messages, maxTokens: maxTokens, scorer: scorer), idNode)
    }

    /// `system` (optional) followed by `prompt` as one user turn, or by the `messages` list.
    private mutating func messages(_ fields: MappingFields, label: String, node: Node) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        if let system = string(fields, "system") {
            if system.trimmingSpaces().isEmpty {
                report("'system' is empty", at: fields["system"])
            } else {
                messages.append(ChatMessage(role: .system, content: system))
            }
        }
        switch (fields.has("prompt"), fields.has("messages")) {
        case (true, true):
            report("\(label) gives both 'prompt' and 'messages': use one", at: fields.keyNode("messages"))
        case (false, false):
            report("\(label) has no prompt: set 'prompt' (or 'messages')", at: node)
        case (true, false):
            let prompt = string(fields, "prompt")
            if let prompt, !prompt.trimmingSpaces().isEmpty {
                messages.append(ChatMessage(role: .user, content: prompt))
            } else if fields["prompt"]?.isNull == true || prompt != nil {
                report("\(label) has an empty prompt", at: fields["prompt"])
            }
        case (false, true):
            messages += chatTurns(fields, label: label)
        }
        return messages
    }

    private mutating func chatTurns(_ fields: MappingFields, label: String) -> [ChatMessage] {
        guard let nodes = sequence(fields, "messages") else { return [] }
        if nodes.isEmpty { report("\(label) has an empty 'messages' list", at: fields["messages"]) }
        var turns: [ChatMessage] = []
        for node in nodes {
            guard let turn = self.fields(of: node, allowed: ["role", "content"], what: "a message") else { continue }
            let roleText = string(turn, "role")
            let content = string(turn, "content")
            if !turn.has("role") { report("message is missing required field 'role'", at: node) }
            if !turn.has("content") { report("message is missing required field 'content'", at: node) }
            guard let roleText else { continue }
            guard let role = ChatMessage.Role(rawValue: roleText.lowercased()) else {
                report("unknown role '\(roleText)' (valid roles: system, user, assistant)", at: turn["role"])
                continue
            }
            guard let content else { continue }
            turns.append(ChatMessage(role: role, content: content))
        }
        if let last = turns.last, last.role == .system {
            report("\(label) ends with a system message: the last turn must be the user's", at: nodes.last)
        }
        return turns
    }
}
