/// Values a suite gives all its canaries unless a canary sets its own.
struct CanaryDefaults {
    let category: String
    let maxTokens: Int
}
