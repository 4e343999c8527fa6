import Foundation

/// Why what was typed in a date field is not a date, in a sentence a teacher understands.
public struct DateEntryError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Reads what a SENCo types in a date field.
///
/// Accepted, for a given `today` and the school's terms:
/// - every form `Day(typed:)` reads (`2025-12-31`, `31/12/2025`, `31/12/25`, `31.12.2025`, `31-12-2025`), and
///   `2025-1-5` with single digits;
/// - a day and a month without a year, `31/12` or `31 Dec`: the next such day on or after today
///   (`29/02` is the next leap day);
/// - a month by name: `31 December 2025`, `31st Dec 25`, `December 31 2025`;
/// - any of these after a weekday, which must be right: `Tue 15/12/2026` (as `describe` writes it);
/// - `today`, `tomorrow`, `yesterday`;
/// - a count of days, weeks, months or years from today: `+10d`, `+6w`, `+3m`, `+1y`, `-2w`, `+ 6 weeks`,
///   `6 weeks`, `in 6 weeks`, `in a fortnight`, `2 weeks ago`. Months and years keep the day of the month,
///   clamped to the month's last day (31 January + 1 month is 28 or 29 February);
/// - `next term` (the first day of the next term to start after today), `end of term` (the last day of the
///   term today falls in, or of the next term in a holiday) and `end of next term`;
/// - a weekday, `monday`, `mon`, `next monday`: the next such day after today (never today itself).
///
/// Dates must fall between 1900 and 2200. Case and extra spaces do not matter.
public enum DateEntry {
  /// The forms suggested when text cannot be read.
  public static let examples = "Try 31/12/2025, 2025-12-31, +6w, +10d, +3m or next term."

  /// The years Caseload works with, as for `--today`.
  public static let years = 1900...2200

  /// The day `text` means, or why it is not one.
  public static func parse(_ text: String, today: Day, terms: [Term]) -> Result<Day, DateEntryError>
  {
    let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let words = typed.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    guard !words.isEmpty else { return .failure(DateEntryError("No date was typed. \(examples)")) }
    let unreadable = DateEntryError("Could not read “\(typed)” as a date. \(examples)")

    switch words.joined(separator: " ") {
    case "today": return .success(today)
    case "tomorrow": return checked(today.adding(days: 1), typed)
    case "yesterday": return checked(today.adding(days: -1), typed)
    case "next term", "start of next term", "beginning of next term":
      return nextTerm(after: today, terms: terms).map { .success($0.start) }
        ?? .failure(
          DateEntryError(
            "No term dates are known after \(today.british): type the date instead, or add the school's term dates."
          ))
    case "end of term", "end of this term", "end of the term":
      return currentTerm(on: today, terms: terms).map { .success($0.end) }
        ?? .failure(
          DateEntryError(
            "No term dates are known from \(today.british) on: type the date instead, or add the school's term dates."
          ))
    case "end of next term":
      return nextTerm(after: today, terms: terms).map { .success($0.end) }
        ?? .failure(
          DateEntryError(
            "No term dates are known after \(today.british): type the date instead, or add the school's term dates."
          ))
    default: break
    }

    // A weekday on its own, or before a date that must fall on it.
    if let first = words.first, let weekday = weekday(named: first.trimmingCharacters(in: [","])) {
      if words.count == 1 { return .success(after(today, weekday: weekday)) }
      let rest = typed.drop(while: { !$0.isWhitespace }).trimmingCharacters(in: .whitespaces)
      switch parseDate(rest, words: Array(words.dropFirst()), today: today) {
      case .success(let day) where day.isoWeekday == weekday: return .success(day)
      case .success(let day):
        return .failure(
          DateEntryError(
            "\(typed): \(day.british) is a \(day.weekdayName), not a \(weekdayNames[weekday - 1]).")
        )
      case .failure(let error): return .failure(error)
      case nil: return .failure(unreadable)
      }
    }
    if words.count == 2, words[0] == "next", let weekday = weekday(named: words[1]) {
      return .success(after(today, weekday: weekday))
    }
    if let relative = relative(words, typed: typed, today: today) { return relative }
    return parseDate(typed, words: words, today: today) ?? .failure(unreadable)
  }

  /// `parse` with the school's terms, or typical English terms for a school year it has not entered.
  public static func parse(_ text: String, today: Day, settings: SchoolSettings) -> Result<
    Day, DateEntryError
  > {
    let year = SchoolYear(containing: today)
    return parse(
      text, today: today, terms: settings.terms(for: year) + settings.terms(for: year.next))
  }

  /// A hint beside a date field: `Tue 15/12/2026 (in 16 days)`, `(today)`, `(tomorrow)`, `(3 days ago)`.
  public static func describe(_ day: Day, today: Day) -> String {
    let n = today.days(until: day)
    let phrase: String
    switch n {
    case 0: phrase = "today"
    case 1: phrase = "tomorrow"
    case -1: phrase = "yesterday"
    case 2...: phrase = "in \(n) days"
    default: phrase = "\(-n) days ago"
    }
    return "\(day.shortWeekdayName) \(day.british) (\(phrase))"
  }

  // MARK: - Terms

  static func nextTerm(after today: Day, terms: [Term]) -> Term? {
    terms.sorted { $0.start < $1.start }.first { $0.start > today }
  }

  /// The term `today` falls in, or the next one to start when it is a holiday (as `SchoolSettings.term(on:)`).
  static func currentTerm(on today: Day, terms: [Term]) -> Term? {
    terms.sorted { $0.start < $1.start }.first { today <= $0.end }
  }

  // MARK: - Weekdays

  static let weekdayNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]

  /// 1 = Monday … 7 = Sunday, from a name or a usual abbreviation.
  static func weekday(named word: String) -> Int? {
    switch word {
    case "monday", "mon": return 1
    case "tuesday", "tue", "tues": return 2
    case "wednesday", "wed", "weds": return 3
    case "thursday", "thu", "thur", "thurs": return 4
    case "friday", "fri": return 5
    case "saturday", "sat": return 6
    case "sunday", "sun": return 7
    default: return nil
    }
  }

  /// The next day after `today` (never today) that falls on `weekday`.
  static func after(_ today: Day, weekday: Int) -> Day {
    let ahead = (weekday - today.isoWeekday + 7) % 7
    return today.adding(days: ahead == 0 ? 7 : ahead)
  }

  // MARK: - Counts from today

  enum Unit { case days, weeks, fortnights, months, years }

  static func unit(_ word: Substring) -> Unit? {
    switch word {
    case "d", "day", "days": return .days
    case "w", "wk", "wks", "week", "weeks": return .weeks
    case "fortnight", "fortnights": return .fortnights
    case "m", "mo", "mth", "mths", "month", "months": return .months
    case "y", "yr", "yrs", "year", "years": return .years
    default: return nil
    }
  }

  /// `+6w`, `- 2 weeks`, `in 6 weeks`, `6 weeks ago`, `in a week`; nil when the text is not a count at all.
  static func relative(_ words: [String], typed: String, today: Day) -> Result<
    Day, DateEntryError
  >? {
    var words = words
    let inFuture = words.first == "in"
    if inFuture { words.removeFirst() }
    let ago = words.last == "ago"
    if ago { words.removeLast() }
    if words.first == "a" || words.first == "an" || words.first == "one" { words[0] = "1" }
    var compact = Substring(words.joined())
    guard let head = compact.first, head == "+" || head == "-" || head.isNumber else { return nil }
    var sign = 1
    if head == "+" || head == "-" {
      // A sign says the direction already: `in -2w` and `+2w ago` are muddled.
      if inFuture || ago { return nil }
      sign = head == "-" ? -1 : 1
      compact = compact.dropFirst()
    }
    if ago { sign = -1 }
    let digits = compact.prefix(while: \.isNumber)
    let unitText = compact.dropFirst(digits.count)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII) else { return nil }
    if unitText.isEmpty {
      // `+6` or `in 6`: clearly a count, missing what of.
      guard head == "+" || head == "-" || inFuture else { return nil }
      return .failure(
        DateEntryError(
          "\(typed): say what to count, for example +\(digits)d for days, +\(digits)w for weeks, +\(digits)m for months or +\(digits)y for years."
        ))
    }
    guard let unit = unit(unitText) else { return nil }
    let tooFar = DateEntryError(
      "\(typed) is too far from today: Caseload works with dates between \(years.lowerBound) and \(years.upperBound)."
    )
    guard digits.count <= 6, let n = Int(digits) else { return .failure(tooFar) }
    let count = sign * n
    let day: Day
    switch unit {
    case .days: day = today.adding(days: count)
    case .weeks: day = today.adding(weeks: count)
    case .fortnights: day = today.adding(weeks: 2 * count)
    case .months: day = today.adding(months: count)
    case .years: day = today.adding(years: count)
    }
    return checked(day, typed)
  }

  // MARK: - Written dates

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  static func month(named word: String) -> Int? {
    let w = word.trimmingCharacters(in: [",", "."])
    guard w.count >= 3 else { return nil }
    if w == "sept" { return 9 }
    return monthNames.firstIndex { $0.lowercased() == w || $0.lowercased().prefix(3) == w }
      .map { $0 + 1 }
  }

  /// A date written with numbers or a month's name; nil when the text is neither.
  static func parseDate(_ typed: String, words: [String], today: Day) -> Result<
    Day, DateEntryError
  >? {
    if let day = Day(typed: typed) { return checked(day, typed) }
    return numeric(typed, today: today) ?? named(words, typed: typed, today: today)
  }

  /// `31/12/2025`, `2025-12-31`, `31/12`, with a reason when the numbers cannot be a date.
  static func numeric(_ typed: String, today: Day) -> Result<Day, DateEntryError>? {
    let parts = typed.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
    guard (2...3).contains(parts.count),
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      typed.allSatisfy({ $0.isASCII && ($0.isNumber || "/.-".contains($0)) })
    else { return nil }
    if parts.count == 2 {
      guard parts.allSatisfy({ (1...2).contains($0.count) }) else { return nil }
      return nextOccurrence(day: Int(parts[0])!, month: Int(parts[1])!, typed: typed, today: today)
    }
    if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 {
      return exact(
        year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!, typed: typed,
        swapHint: false)
    }
    guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 || parts[2].count == 2
    else { return nil }
    var year = Int(parts[2])!
    // Two-digit years as `Day(typed:)` reads them: 00–69 this century, 70–99 the last.
    if parts[2].count == 2 { year += year < 70 ? 2000 : 1900 }
    return exact(
      year: year, month: Int(parts[1])!, day: Int(parts[0])!, typed: typed, swapHint: true)
  }

  /// `31 December 2025`, `31st Dec`, `December 31, 2025`.
  static func named(_ words: [String], typed: String, today: Day) -> Result<Day, DateEntryError>? {
    let w = words.map { $0.trimmingCharacters(in: [","]) }.filter { !$0.isEmpty }
    guard (2...3).contains(w.count) else { return nil }
    let dayWord: String
    let monthNumber: Int
    if let m = month(named: w[1]) {
      (dayWord, monthNumber) = (w[0], m)
    } else if let m = month(named: w[0]) {
      (dayWord, monthNumber) = (w[1], m)
    } else {
      return nil
    }
    guard let day = dayNumber(dayWord) else { return nil }
    guard w.count == 3 else {
      return nextOccurrence(day: day, month: monthNumber, typed: typed, today: today)
    }
    guard w[2].allSatisfy({ $0.isASCII && $0.isNumber }), w[2].count == 4 || w[2].count == 2,
      var year = Int(w[2])
    else { return nil }
    if w[2].count == 2 { year += year < 70 ? 2000 : 1900 }
    return exact(year: year, month: monthNumber, day: day, typed: typed, swapHint: false)
  }

  /// `31`, `31st`, `2nd`, `3rd`, `4th`.
  static func dayNumber(_ word: String) -> Int? {
    let digits = word.prefix(while: { $0.isASCII && $0.isNumber })
    guard (1...2).contains(digits.count),
      ["", "st", "nd", "rd", "th"].contains(word.dropFirst(digits.count))
    else { return nil }
    return Int(digits)
  }

  /// A full date, or the first thing wrong with it.
  static func exact(year: Int, month: Int, day: Int, typed: String, swapHint: Bool) -> Result<
    Day, DateEntryError
  > {
    guard (1...12).contains(month) else {
      // 12/31/2025 written month first: say which way round dates go.
      if swapHint, (1...12).contains(day), let swapped = Day(year: year, month: day, day: month) {
        return .failure(
          DateEntryError(
            "\(typed): there is no month \(month). Dates go day first: \(swapped.british)."))
      }
      return .failure(DateEntryError("\(typed): there is no month \(month)."))
    }
    guard years.contains(year) else {
      return .failure(
        DateEntryError(
          "\(typed) is too far from today: Caseload works with dates between \(years.lowerBound) and \(years.upperBound)."
        ))
    }
    guard day >= 1 else {
      return .failure(DateEntryError("\(typed) is not a date: there is no day 0."))
    }
    let length = Day.daysIn(month: month, year: year)
    guard day <= length, let date = Day(year: year, month: month, day: day) else {
      return .failure(
        DateEntryError(
          "\(typed) is not a date: \(monthNames[month - 1]) \(year) has \(length) days."))
    }
    return .success(date)
  }

  /// The first `day`/`month` on or after today; 29 February waits for a leap year.
  static func nextOccurrence(day: Int, month: Int, typed: String, today: Day) -> Result<
    Day, DateEntryError
  > {
    guard (1...12).contains(month) else {
      return .failure(DateEntryError("\(typed): there is no month \(month)."))
    }
    guard day >= 1 else {
      return .failure(DateEntryError("\(typed) is not a date: there is no day 0."))
    }
    let longest = Day.daysIn(month: month, year: 2000)
    guard day <= longest else {
      let name = monthNames[month - 1]
      return .failure(
        DateEntryError(
          "\(typed) is not a date: \(name) has \(month == 2 ? "at most " : "")\(longest) days."))
    }
    for year in today.year...(today.year + 8) {
      if let date = Day(year: year, month: month, day: day), date >= today {
        return checked(date, typed)
      }
    }
    return .failure(DateEntryError("Could not read “\(typed)” as a date. \(examples)"))
  }

  /// The day, when it falls in the years Caseload works with.
  static func checked(_ day: Day, _ typed: String) -> Result<Day, DateEntryError> {
    guard years.contains(day.year) else {
      return .failure(
        DateEntryError(
          "\(typed) is too far from today: Caseload works with dates between \(years.lowerBound) and \(years.upperBound)."
        ))
    }
    return .success(day)
  }
}

extension SchoolSettings {
  /// The school's term dates for a school year, in order, or typical English ones when it has entered none
  /// for that year.
  public func terms(for year: SchoolYear) -> [Term] {
    let own = terms.filter { $0.schoolYear == year }.sorted { $0.start < $1.start }
    return own.isEmpty ? DefaultTerms.terms(for: year) : own
  }
}
