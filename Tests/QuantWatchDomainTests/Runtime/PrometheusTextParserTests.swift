import QuantWatchDomain
import QuantWatchTestSupport
import Testing

/// The text exposition parser: both runtimes' namings, labels, histograms, errors, and random input.
struct PrometheusTextParserTests {
    @Test func readsLlamaCppCountersAndGauges() throws {
        let exposition = try PrometheusTextParser.parse(RuntimeExpositions.llamaCpp)
        #expect(exposition.types["llamacpp:prompt_tokens_total"] == .counter)
        #expect(exposition.types["llamacpp:requests_deferred"] == .gauge)
        #expect(exposition.help["llamacpp:requests_processing"] == "Number of requests processing.")
        #expect(exposition.sum("llamacpp:tokens_predicted_total") == 480)
        // `nan` is a value llama.cpp writes before its first decode; it is read and left out of sums.
        #expect(exposition.has("llamacpp:n_busy_slots_per_decode"))
        #expect(exposition.sum("llamacpp:n_busy_slots_per_decode") == nil)
        let reading = RuntimeReading(exposition, at: .init(timeIntervalSince1970: 0))
        #expect(reading.naming == .llamacpp)
        #expect(reading.requestsRunning == 2)
        #expect(reading.requestsWaiting == 3)
        #expect(reading.promptTokensTotal == 1200)
        #expect(reading.generationTokensTotal == 480)
        #expect(reading.kvCacheUsage == nil)
        #expect(reading.ttft == nil)
    }

    @Test func readsVLLMNamesWithLabelsAndHistograms() throws {
        let exposition = try PrometheusTextParser.parse(RuntimeExpositions.vllm())
        let running = try #require(exposition.samples.first { $0.name == "vllm:num_requests_running" })
        #expect(running.labels == ["engine": "0", "model_name": "meta-llama/Llama-3.1-8B"])
        let reading = RuntimeReading(exposition, at: .init(timeIntervalSince1970: 0))
        #expect(reading.naming == .vllm)
        #expect(reading.requestsRunning == 4)
        #expect(reading.requestsWaiting == 6)
        #expect(reading.kvCacheUsage == 0.42)
        #expect(reading.preemptionsTotal == 2)
        #expect(reading.generationTokensTotal == 1000)
        let ttft = try #require(reading.ttft)
        #expect(ttft.count == 100)
        #expect(ttft.sum == 31.5)
        #expect(ttft.buckets.map(\.upperBound) == [0.1, 0.5, 1.0, .infinity])
    }

    @Test func readsVLLMDeprecatedCacheName() throws {
        let text = RuntimeExpositions.vllm(cache: 0.9, cacheName: "vllm:gpu_cache_usage_perc")
        let reading = RuntimeReading(try PrometheusTextParser.parse(text), at: .init(timeIntervalSince1970: 0))
        #expect(reading.kvCacheUsage == 0.9)
    }

    @Test func prefersTheCurrentNameWhenBothAreThere() throws {
        let text = "vllm:gpu_cache_usage_perc 0.1\nvllm:kv_cache_usage_perc 0.7\n"
        let reading = RuntimeReading(try PrometheusTextParser.parse(text), at: .init(timeIntervalSince1970: 0))
        #expect(reading.kvCacheUsage == 0.7)
    }

    @Test func sumsSeriesOfSeveralModelsAndAveragesTheirCache() throws {
        let text = """
            vllm:num_requests_waiting{model_name="a"} 2
            vllm:num_requests_waiting{model_name="b"} 5
            vllm:kv_cache_usage_perc{model_name="a"} 0.2
            vllm:kv_cache_usage_perc{model_name="b"} 0.6
            """
        let reading = RuntimeReading(try PrometheusTextParser.parse(text), at: .init(timeIntervalSince1970: 0))
        #expect(reading.requestsWaiting == 7)
        #expect(abs((reading.kvCacheUsage ?? 0) - 0.4) < 1e-12)
    }

    @Test func unescapesLabelValues() throws {
        let text = #"m{path="C:\\dir",quote="say \"hi\"",nl="a\nb",odd="\x",empty=""} 1"# + "\n"
        let sample = try #require(try PrometheusTextParser.parse(text).samples.first)
        #expect(sample.labels["path"] == #"C:\dir"#)
        #expect(sample.labels["quote"] == #"say "hi""#)
        #expect(sample.labels["nl"] == "a\nb")
        #expect(sample.labels["odd"] == #"\x"#)
        #expect(sample.labels["empty"] == "")
    }

    @Test func acceptsTimestampsExemplarsCRLFTrailingCommasAndEOF() throws {
        let text =
            "a 1 1700000000000\r\nb{x=\"1\",} +Inf\r\nc_bucket{le=\"1\"} 3 # {trace_id=\"abc\"} 0.5\n"
            + "# a plain comment\n\n   \n# EOF\n"
        let exposition = try PrometheusTextParser.parse(text)
        #expect(exposition.samples.map(\.name) == ["a", "b", "c_bucket"])
        #expect(exposition.samples[1].value == .infinity)
        #expect(exposition.samples[1].labels == ["x": "1"])
    }

    @Test(arguments: [
        ("metric", 1, "expected a space and a value"),
        ("metric abc", 1, "'abc' is not a number"),
        ("ok 1\n{x=\"1\"} 2", 2, "expected a metric name"),
        ("m{x=1} 2", 1, "expected a quoted value for label 'x'"),
        ("m{x=\"1\" 2", 1, "expected ',' or '}'"),
        ("m{x=\"1} 2", 1, "unterminated value of label 'x'"),
        ("m{x} 2", 1, "expected '=' after label 'x'"),
        ("m 1 2 3", 1, "unexpected text after the sample"),
        ("m 1 notatime", 1, "unexpected 'notatime'"),
        ("<html><body>502 Bad Gateway</body></html>", 1, "expected a metric name"),
    ])
    func garbageIsAnErrorNamingTheLine(_ text: String, _ line: Int, _ message: String) {
        #expect {
            _ = try PrometheusTextParser.parse(text)
        } throws: { error in
            guard let error = error as? PrometheusParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func neverTrapsOnRandomOrMutatedInput() async {
        // Seeded, so a failure reproduces: random bytes, and valid expositions with bytes flipped, cut or repeated.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let seeds = [Array(RuntimeExpositions.llamaCpp.utf8), Array(RuntimeExpositions.vllm().utf8)]
        let alphabet = Array(#"{}="\,# :_aZ09.+-eInfNa"#.utf8) + [10, 13, 9, 0, 0xFF, 0xC3]
        var parsed = 0
        for round in 0..<1200 {
            // Async and yielding: a long synchronous loop would hold one of this machine's two cooperative
            // threads and stall the timing-sensitive tests running beside it.
            if round % 50 == 0 { await Task.yield() }
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int(next() % 200)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            } else {
                bytes = seeds[round % 2]
                for _ in 0..<(1 + Int(next() % 8)) where !bytes.isEmpty {
                    let at = Int(next() % UInt64(bytes.count))
                    switch next() % 3 {
                    case 0: bytes[at] = alphabet[Int(next() % UInt64(alphabet.count))]
                    case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int(next() % 40)))
                    default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
                    }
                }
            }
            if let exposition = try? PrometheusTextParser.parse(bytes) {
                parsed += 1
                // Whatever parses must also be safe to read figures from.
                _ = RuntimeReading(exposition, at: .init(timeIntervalSince1970: 0)).ttft?.quantile(0.95)
            }
        }
        // Both outcomes happen: mutations that keep the text valid, and ones that do not.
        #expect(parsed > 0 && parsed < 1200, "\(parsed) of 1200 parsed")
    }

    @Test func refusesOversizedExpositions() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: PrometheusTextParser.maximumBytes + 1)
        #expect(throws: PrometheusParseError.self) { _ = try PrometheusTextParser.parse(bytes) }
    }
}
