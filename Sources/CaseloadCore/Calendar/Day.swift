import Foundation

/// A calendar date with no time of day and no time zone.
///
/// School rules speak in days ("6 weeks from the request"), so dates are whole days counted from
/// 1 January 1970. Arithmetic never meets daylight saving or a clock.
public struct Day: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01.
  public let ordinal: Int

  public init(ordinal: Int) { self.ordinal = ordinal }

  /// A date from its parts, or nil when the date does not exist (31 April, 29 February 2025).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    ordinal = Day.ordinal(year: year, month: month, day: day)
  }

  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

  public var parts: (year: Int, month: Int, day: Int) { Day.civil(ordinal) }
  public var year: Int { parts.year }
  public var month: Int { parts.month }
  public var dayOfMonth: Int { parts.day }

  /// 1 = Monday … 7 = Sunday (ISO 8601).
  public var isoWeekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }
  public var weekdayName: String {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][isoWeekday - 1]
  }
  public var shortWeekdayName: String { String(weekdayName.prefix(3)) }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
  public func adding(weeks: Int) -> Day { Day(ordinal: ordinal + 7 * weeks) }

  /// The same day of the month `months` later; clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
  public func adding(months: Int) -> Day {
    let (y, m, d) = parts
    let total = y * 12 + (m - 1) + months
    let ny = total / 12
    let nm = total % 12 + 1
    return Day(
      ordinal: Day.ordinal(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny))))
  }
  public func adding(years: Int) -> Day { adding(months: 12 * years) }

  public func days(until other: Day) -> Int { other.ordinal - ordinal }

  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days-from-civil and civil-from-days.
  static func ordinal(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civil(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}

// MARK: - Text

extension Day: CustomStringConvertible, Codable {
  /// ISO 8601, as stored and as scripts read it: `2025-12-31`.
  public var iso: String {
    let (y, m, d) = parts
    return Self.digits(y, m, d, yearFirst: true, separator: UInt8(ascii: "-"))
      ?? "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// The way English schools write dates: `31/12/2025`.
  public var british: String {
    let (y, m, d) = parts
    return Self.digits(y, m, d, yearFirst: false, separator: UInt8(ascii: "/"))
      ?? "\(pad(d, 2))/\(pad(m, 2))/\(pad(y, 4))"
  }

  /// The ten characters of a date with a four-digit year, written in place: lists of thousands of items print
  /// two dates each. nil for years outside 0–9999, which are written the slow way.
  private static func digits(_ y: Int, _ m: Int, _ d: Int, yearFirst: Bool, separator: UInt8)
    -> String?
  {
    guard (0...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
    return String(unsafeUninitializedCapacity: 10) { out in
      func put(_ n: Int, _ width: Int, at start: Int) {
        var n = n
        for i in stride(from: start + width - 1, through: start, by: -1) {
          out[i] = UInt8(ascii: "0") + UInt8(n % 10)
          n /= 10
        }
      }
      if yearFirst {
        put(y, 4, at: 0)
        put(m, 2, at: 5)
        put(d, 2, at: 8)
        out[4] = separator
        out[7] = separator
      } else {
        put(d, 2, at: 0)
        put(m, 2, at: 3)
        put(y, 4, at: 6)
        out[2] = separator
        out[5] = separator
      }
      return 10
    }
  }

  public var description: String { iso }

  /// Parses `2025-12-31` only: the storage and `--today` form.
  public init?(iso text: some StringProtocol) {
    let f = text.split(separator: "-", omittingEmptySubsequences: false)
    guard f.count == 3, f[0].count == 4, f[1].count == 2, f[2].count == 2,
      let y = Int(f[0]), let m = Int(f[1]), let d = Int(f[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Parses exactly `YYYY-MM-DD` from its bytes, without allocating: for reading thousands of stored dates.
  public init?(isoFast text: String) {
    var text = text
    guard let day = text.withUTF8({ Day(isoBytes: $0) }) else { return nil }
    self = day
  }

  public init?(isoFast text: Substring) { self.init(isoFast: String(text)) }

  /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
  public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
    guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
    func digits(_ range: Range<Int>) -> Int? {
      var n = 0
      for i in range {
        let d = b[i] &- 0x30
        guard d < 10 else { return nil }
        n = n * 10 + Int(d)
      }
      return n
    }
    guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Reads a comma-separated list of `YYYY-MM-DD` dates (how the store keeps a pupil's parent meetings),
  /// skipping anything that is not a date.
  public static func isoList(_ text: String) -> [Day] {
    guard !text.isEmpty else { return [] }
    var text = text
    return text.withUTF8 { bytes in
      var days: [Day] = []
      days.reserveCapacity(bytes.count / 11 + 1)
      var start = 0
      for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x2C {
        if let day = Day(isoBytes: UnsafeBufferPointer(rebasing: bytes[start..<i])) {
          days.append(day)
        }
        start = i + 1
      }
      return days
    }
  }

  /// Parses what a person types for a date: `2025-12-31`, `31/12/2025`, `31/12/25`, `31.12.2025`, `31-12-2025`.
  public init?(typed text: some StringProtocol) {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let iso = Day(iso: t) {
      self = iso
      return
    }
    let f = t.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
    guard f.count == 3, (1...2).contains(f[0].count), (1...2).contains(f[1].count),
      f[2].count == 4 || f[2].count == 2,
      let d = Int(f[0]), let m = Int(f[1]), var y = Int(f[2])
    else { return nil }
    // Two-digit years: 00–69 are this century, 70–99 the last (a date of birth typed as 01/05/98).
    if f[2].count == 2 { y += y < 70 ? 2000 : 1900 }
    self.init(year: y, month: m, day: d)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "Not a date: \(text)"))
    }
    if decoder.userInfo[Day.strictYears] as? Bool == true, !RecordCheck.years.contains(day.year) {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription:
            "The date \(text) is outside the years Caseload works with (\(RecordCheck.years.lowerBound)–\(RecordCheck.years.upperBound))"
        ))
    }
    self = day
  }

  /// Set in a decoder's user info to refuse dates outside `RecordCheck.years` (records from outside).
  public static let strictYears = CodingUserInfoKey(rawValue: "caseload.strictYears")!

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }
}

private func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
