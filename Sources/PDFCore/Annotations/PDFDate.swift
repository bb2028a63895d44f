import Foundation

/// Reads PDF dates (PDF 1.7 §7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, where
/// everything after the year is optional, `O` is `Z`, `+` or `-`, and
/// writers drop the `D:`, one or both apostrophes, or add one at the end.
///
/// The date is computed from its parts (proleptic Gregorian calendar), with
/// no formatter, locale or calendar object: the same on every machine.
enum PDFDate {
    /// The moment `text` names, or nil when it is not a date in this syntax
    /// (free text, a month 13, February 30, …). Without a zone the time is
    /// taken as UTC (the standard leaves it unknown). Spaces around it are
    /// ignored.
    static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        scanner.skipSpaces()
        if scanner.peek == UInt8(ascii: "D") {
            scanner.advance()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
        }
        guard let year = scanner.digits(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0
        // Each part is there only if the one before is.
        if let value = scanner.digits(2) {
            month = value
            if let value = scanner.digits(2) {
                day = value
                if let value = scanner.digits(2) {
                    hour = value
                    if let value = scanner.digits(2) {
                        minute = value
                        if let value = scanner.digits(2) { second = value }
                    }
                }
            }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        var offset = 0
        if let sign = scanner.peek, sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            scanner.advance()
            // `Z` may be followed by 00'00' too.
            var hours = 0, minutes = 0
            if let value = scanner.digits(2) {
                hours = value
                _ = scanner.take(UInt8(ascii: "'"))
                if let value = scanner.digits(2) {
                    minutes = value
                    _ = scanner.take(UInt8(ascii: "'"))
                }
            } else if sign != UInt8(ascii: "Z") {
                return nil
            }
            guard (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
            offset = (hours * 60 + minutes) * 60 * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The number of days in `month` (1…12) of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given day of the proleptic Gregorian
    /// calendar (negative before it): counted in 400-year eras of 146,097
    /// days, with the year starting in March so that February's leap day
    /// falls at its end.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400  // 0…399
        let shiftedMonth = (month + 9) % 12  // March is 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1  // 0…365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468  // 719,468: 0000-03-01 to 1970-01-01
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }
        mutating func advance() { index += 1 }

        /// Takes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// Takes `count` decimal digits as a number, or nothing (nil) when
        /// fewer than `count` digits come next.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        mutating func skipSpaces() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0 { index += 1 }
        }
    }
}
