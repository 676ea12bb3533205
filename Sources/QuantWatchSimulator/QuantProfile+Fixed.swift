/// A profile with exact, repeatable delays, for measurement tests and benchmarks.
extension QuantProfile {
    /// Every response waits exactly `ttft` before its first token and `perToken` before each later one
    /// (both log-normal sigmas are 0), and answers every canary right.
    public static func fixed(name: String = "fixed", ttft: Duration, perToken: Duration) -> QuantProfile {
        let perTokenMilliseconds = perToken.milliseconds
        return QuantProfile(
            name: name, label: name.uppercased(),
            tokensPerSecond: perTokenMilliseconds > 0 ? 1000 / perTokenMilliseconds : 1e9,
            ttftMedianMilliseconds: ttft.milliseconds, ttftSigma: 0, tokenJitterSigma: 0, accuracy: [:],
            defaultAccuracy: 1, targetKLD: 0)
    }
}
