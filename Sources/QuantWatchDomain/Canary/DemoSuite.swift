/// The canary suite built into `quantwatch demo`: no files needed.
public enum DemoSuite {
    /// Key of the suite in the demo's `FleetConfig.suites`.
    public static let path = "builtin:demo"

    public static let suite = CanarySuite(name: "demo", path: path, canaries: canaries)

    public static let canaries: [Canary] = [
        canary("gen-capital", "general", "What is the capital of France? Answer with one word.", .exact("Paris")),
        canary("gen-planet", "general", "Which planet is known as the Red Planet? One word.", .exact("Mars")),
        canary("gen-element", "general", "What is the chemical symbol for gold?", .exact("Au")),
        canary(
            "gen-author", "general", "Who wrote 'Pride and Prejudice'? Give the surname.",
            .contains(["Austen"], all: false)),
        canary("math-mul", "math", "What is 17 * 23? Reply with the number only.", .numeric(value: 391, tolerance: 0)),
        canary("math-sqrt", "math", "What is the square root of 144? Number only.", .numeric(value: 12, tolerance: 0)),
        canary("math-frac", "math", "What is 3/8 as a decimal? Number only.", .numeric(value: 0.375, tolerance: 0.001)),
        canary(
            "math-word", "math",
            "A train travels 120 km in 1.5 hours. What is its average speed in km/h? "
                + "Number only.", .numeric(value: 80, tolerance: 0.5)),
        canary(
            "math-choice", "math", "Which is prime? A) 21 B) 27 C) 29 D) 33. Answer with the letter.",
            .choice("C")),
        canary(
            "code-len", "coding", "In Python, what does len([1, 2, 3]) return? Output only the value.",
            .exact("3")),
        canary(
            "code-json", "coding", "Return a JSON object with a field \"status\" set to \"ok\". JSON only.",
            .jsonField(path: "status", expected: "ok")),
        canary(
            "code-bigo", "coding", "What is the time complexity of binary search? Use big-O notation.",
            .regex(pattern: "O\\((log n)\\)", group: 1, expected: "log n")),
        canary(
            "reason-syllogism", "reasoning",
            "All bloops are razzies and all razzies are lazzies. Are all bloops "
                + "lazzies? Answer yes or no.", .exact("yes")),
        canary(
            "reason-order", "reasoning",
            "Ann is taller than Bob, and Bob is taller than Cid. Who is shortest? "
                + "One name.", .exact("Cid")),
        canary(
            "reason-days", "reasoning", "If today is Monday, what day is it in 10 days? One word.",
            .exact("Thursday")),
        canary(
            "reason-choice", "reasoning",
            "A bat and a ball cost $1.10; the bat costs $1.00 more than the ball. "
                + "How much is the ball? A) 10 cents B) 5 cents C) 1 cent. Letter only.", .choice("B")),
    ]

    private static func canary(_ id: String, _ category: String, _ question: String, _ scorer: Scorer) -> Canary {
        Canary(
            id: id, category: category, messages: [ChatMessage(role: .user, content: question)], maxTokens: 32,
            scorer: scorer)
    }
}
