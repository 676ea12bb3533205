import Foundation

/// Parses HTTP dates (RFC 9110: IMF-fixdate, obsolete RFC 850 and asctime forms) without a DateFormatter.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The date, or nil when the text is not an HTTP date.
    static func parse(_ text: String) -> Date? {
        let separators = CharacterSet(charactersIn: " ,-")
        let parts = text.components(separatedBy: separators).filter { !$0.isEmpty }
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT / RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        if parts.count == 6, parts[5].uppercased() == "GMT" {
            return make(day: parts[1], month: parts[2], year: parts[3], time: parts[4])
        }
        // asctime: Sun Nov  6 08:49:37 1994
        if parts.count == 5 {
            return make(day: parts[2], month: parts[1], year: parts[4], time: parts[3])
        }
        return nil
    }

    private static func make(day: String, month: String, year: String, time: String) -> Date? {
        guard let d = Int(day), (1...31).contains(d),
            let m = months.firstIndex(of: month.lowercased()),
            var y = Int(year)
        else { return nil }
        if year.count == 2 { y += y < 70 ? 2000 : 1900 }
        let hms = time.split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3, (0...23).contains(hms[0]), (0...59).contains(hms[1]), (0...60).contains(hms[2]) else {
            return nil
        }
        let days = daysFromCivil(year: y, month: m + 1, day: d)
        let seconds = days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H.
    ///
    /// Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
