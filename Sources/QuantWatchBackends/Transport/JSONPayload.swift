import Foundation

/// Decodes one stream message's JSON, turning any failure into a `protocol` attempt failure.
struct JSONPayload {
    private let decoder: JSONDecoder

    init() {
        decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
    }

    func decode<T: Decodable>(_ type: T.Type, _ payload: UnsafeRawBufferPointer, dialect: String)
        throws(AttemptFailure) -> T
    {
        let data = payload.baseAddress.map { Data(bytes: $0, count: payload.count) } ?? Data()
        do {
            return try decoder.decode(type, from: data)
        } catch {
            let excerpt = String(decoding: payload.prefix(80), as: UTF8.self)
            throw .malformed("malformed JSON in \(dialect) stream: \(excerpt)")
        }
    }
}
