/// One of the three terms of an English school year.
public enum TermName: String, Codable, Sendable, CaseIterable {
  case autumn, spring, summer
  public var title: String { rawValue.capitalized }
}

/// A term with its first and last teaching day.
public struct Term: Hashable, Codable, Sendable {
  public var schoolYear: SchoolYear
  public var name: TermName
  public var start: Day
  public var end: Day

  public init(schoolYear: SchoolYear, name: TermName, start: Day, end: Day) {
    self.schoolYear = schoolYear
    self.name = name
    self.start = start
    self.end = end
  }

  /// `Autumn 2025`
  public var title: String {
    "\(name.title) \(name == .autumn ? schoolYear.startYear : schoolYear.startYear + 1)"
  }
}

/// Typical English term dates, for schools that have not entered their own.
public enum DefaultTerms {
  /// Autumn from the first Wednesday on or after 2 September to the Friday on or before 19 December;
  /// spring from the first Monday on or after 3 January to the Friday before Good Friday's week ends;
  /// summer two weeks later to the weekday on or before 21 July.
  public static func terms(for year: SchoolYear) -> [Term] {
    let y = year.startYear
    let autumnStart = onOrAfter(Day(year: y, month: 9, day: 2)!, weekday: 3)
    let autumnEnd = onOrBefore(Day(year: y, month: 12, day: 19)!, weekday: 5)
    let springStart = onOrAfter(Day(year: y + 1, month: 1, day: 3)!, weekday: 1)
    let goodFriday = easterSunday(y + 1).adding(days: -2)
    let springEnd = onOrBefore(goodFriday.adding(days: -1), weekday: 5)
    let summerStart = springEnd.adding(days: 17)
    var summerEnd = Day(year: y + 1, month: 7, day: 21)!
    while summerEnd.isoWeekday > 5 { summerEnd = summerEnd.adding(days: -1) }
    return [
      Term(schoolYear: year, name: .autumn, start: autumnStart, end: autumnEnd),
      Term(schoolYear: year, name: .spring, start: springStart, end: springEnd),
      Term(schoolYear: year, name: .summer, start: summerStart, end: summerEnd),
    ]
  }

  static func onOrAfter(_ day: Day, weekday: Int) -> Day {
    day.adding(days: (weekday - day.isoWeekday + 7) % 7)
  }
  static func onOrBefore(_ day: Day, weekday: Int) -> Day {
    day.adding(days: -((day.isoWeekday - weekday + 7) % 7))
  }

  /// Easter Sunday in the Gregorian calendar (the anonymous algorithm).
  public static func easterSunday(_ year: Int) -> Day {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return Day(year: year, month: month, day: day)!
  }
}
