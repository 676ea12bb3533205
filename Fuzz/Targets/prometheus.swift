// Fuzz target: the Prometheus text-format parser.
//
// Any bytes: it returns an exposition or throws a PrometheusParseError, never traps, and stays within its
// sample limit.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrometheus(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let exposition = try PrometheusTextParser.parse(bytes)
        if exposition.samples.count > PrometheusTextParser.maximumSamples { fatalError("over the sample limit") }
    } catch {
        if error.line < 0 { fatalError("a negative line number") }
    }
    return 0
}
