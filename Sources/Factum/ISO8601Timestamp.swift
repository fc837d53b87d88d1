import Foundation

/// The one date grammar of Factum, shared by the linter (a `Date` default), the generator (its
/// literal) and the runtime (dates in payloads): an RFC 3339 date and time,
///
///     YYYY-MM-DD T hh:mm:ss [.f…] (Z | +hh:mm | -hh:mm)
///
/// with a four-digit year (0000–9999), a real day of its month (leap years included), hours
/// 00–23, minutes and seconds 00–59 (no leap second: `Date` has none), 1 to 9 fractional digits
/// (nanoseconds; more is refused), and `T`/`Z` in either case. Nothing else: no week dates, no
/// missing parts, no spaces. It is read and written by hand, in bounded time: Foundation's ISO
/// 8601 parsing crashes on some inputs (35 fractional digits), and its formatters use the
/// Julian calendar before 1582.
public enum ISO8601Timestamp {
    /// The most fractional digits a timestamp may have.
    public static let maximumFractionDigits = 9

    /// The date `text` names, or nil when it is not in the grammar.
    public static func date(from text: String) -> Date? {
        secondsSince1970(text).map(Date.init(timeIntervalSince1970:))
    }

    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is not in the grammar.
    public static func secondsSince1970(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // The longest text in the grammar: 19 + 1 + 9 + 6 bytes.
        guard bytes.count >= 20, bytes.count <= 35 else { return nil }
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ allowed: String) -> Bool {
            guard index < bytes.count, allowed.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt"), let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            var digits = 0
            var scale = 1.0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                digits = digits * 10 + Int(bytes[index] - 0x30)
                scale *= 10
                index += 1
                guard index - start <= maximumFractionDigits else { return nil }
            }
            guard index > start else { return nil }
            fraction = Double(digits) / scale
        }
        var offset = 0
        if expect("Zz") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours <= 23, minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Double(seconds) + fraction
    }

    /// `date` as `YYYY-MM-DDThh:mm:ss.sssZ`, to the nearest millisecond (or with
    /// `fractionDigits` digits, 1 to 6: `.ssssssZ` to the microsecond), in the proleptic
    /// Gregorian calendar (as RFC 3339 and every other system reads it; Foundation's formatters
    /// switch to the Julian calendar before 1582). Nil for a date outside the years 0000–9999,
    /// which the grammar cannot write.
    public static func string(from date: Date, fractionDigits: Int = 3) -> String? {
        let digits = min(6, max(1, fractionDigits))
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let units = (date.timeIntervalSince1970 * Double(scale)).rounded()
        guard units.isFinite, abs(units) < 1e12 * Double(scale) else { return nil }
        let total = Int(units)
        let (seconds, fraction) = floorDivision(total, scale)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civil(fromDaysSince1970: days)
        guard (0...9999).contains(year) else { return nil }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, digits))Z"
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (Int, Int) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    /// The day of the proleptic Gregorian calendar that is `days` after 1970-01-01.
    private static func civil(fromDaysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given day of the proleptic Gregorian calendar.
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        // Counted from March, so that February's leap day ends the year.
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
