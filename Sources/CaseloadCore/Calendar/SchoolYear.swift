import Foundation

/// An English school year, 1 September to 31 August, named by the calendar year it starts in.
public struct SchoolYear: Hashable, Comparable, Codable, Sendable {
  public let startYear: Int

  public init(startYear: Int) { self.startYear = startYear }

  /// The school year a day falls in.
  public init(containing day: Day) {
    let (y, m, _) = day.parts
    startYear = m >= 9 ? y : y - 1
  }

  public var firstDay: Day { Day(year: startYear, month: 9, day: 1)! }
  public var lastDay: Day { Day(year: startYear + 1, month: 8, day: 31)! }
  public func contains(_ day: Day) -> Bool { day >= firstDay && day <= lastDay }
  public var next: SchoolYear { SchoolYear(startYear: startYear + 1) }
  public var previous: SchoolYear { SchoolYear(startYear: startYear - 1) }

  /// `2025/26`
  public var name: String {
    let end = (startYear + 1) % 100
    return "\(startYear)/\(end < 10 ? "0" : "")\(end)"
  }

  public static func < (a: SchoolYear, b: SchoolYear) -> Bool { a.startYear < b.startYear }
}

/// A year group: Reception is 0, Year 1 is 1 … Year 13 is 13; nursery years are negative.
public struct YearGroup: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let number: Int
  public init(_ number: Int) { self.number = number }

  /// The year group for a date of birth in a school year: a child is in Reception in the school year in
  /// which they turn 5. `offset` moves a pupil who was held back (-1) or moved up (+1).
  public init(dateOfBirth: Day, in schoolYear: SchoolYear, offset: Int = 0) {
    let cohort = SchoolYear(containing: dateOfBirth).startYear
    number = schoolYear.startYear - cohort - 5 + offset
  }

  /// The school year in which a pupil born on `dateOfBirth` is in this year group.
  public func schoolYear(forDateOfBirth dob: Day, offset: Int = 0) -> SchoolYear {
    SchoolYear(startYear: SchoolYear(containing: dob).startYear + 5 + number - offset)
  }

  /// `N`, `R`, `Y7`; short enough for a table column.
  public var description: String {
    switch number {
    case ..<0: return "N"
    case 0: return "R"
    default: return "Y\(number)"
    }
  }

  /// Reads `R`, `Reception`, `Y7`, `7`, `Year 7`, `N`, `Nursery`.
  public init?(typed text: String) {
    let t = text.lowercased().replacingOccurrences(of: " ", with: "")
    switch t {
    case "r", "reception", "rec", "yr", "0": number = 0
    case "n", "nursery", "n2": number = -1
    case "n1": number = -2
    default:
      let digits = t.drop(while: { !$0.isNumber })
      guard
        digits.count == t.count
          || ["y", "year"].contains(String(t.prefix(t.count - digits.count))),
        let n = Int(digits), (1...14).contains(n)
      else { return nil }
      number = n
    }
  }

  public static func < (a: YearGroup, b: YearGroup) -> Bool { a.number < b.number }
}
