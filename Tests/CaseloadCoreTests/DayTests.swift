import Foundation
import Testing

@testable import CaseloadCore

@Suite("Day")
struct DayTests {
  @Test("the epoch is day 0, a Thursday")
  func epoch() throws {
    let day = try #require(Day(year: 1970, month: 1, day: 1))
    #expect(day.ordinal == 0)
    #expect(day.weekdayName == "Thursday")
    #expect(Day(ordinal: -1).iso == "1969-12-31")
    #expect(Day(ordinal: -1).weekdayName == "Wednesday")
  }

  @Test("dates are written with four-digit years, padded, either way round")
  func writing() throws {
    for (y, m, d, iso, british) in [
      (2026, 1, 5, "2026-01-05", "05/01/2026"), (999, 12, 31, "0999-12-31", "31/12/0999"),
      (9999, 10, 1, "9999-10-01", "01/10/9999"),
    ] {
      let day = try #require(Day(year: y, month: m, day: d))
      #expect(day.iso == iso)
      #expect(day.british == british)
      #expect(Day(iso: iso) == day)
    }
    // Beyond four digits (no date a person enters), the long way.
    let far = Day(ordinal: 3_000_000)
    #expect(far.iso.hasPrefix("10183-") && far.british.hasSuffix("/10183"))
  }

  @Test(
    "ISO parsing",
    arguments: [
      ("2025-12-31", 2025, 12, 31),
      ("2028-02-29", 2028, 2, 29),
      ("2000-02-29", 2000, 2, 29),
      ("1999-01-01", 1999, 1, 1),
    ])
  func isoParsing(text: String, year: Int, month: Int, day: Int) throws {
    let parsed = try #require(Day(iso: text))
    #expect(parsed.year == year)
    #expect(parsed.month == month)
    #expect(parsed.dayOfMonth == day)
    #expect(parsed.iso == text)
  }

  @Test(
    "ISO parsing refuses other forms and impossible dates",
    arguments: [
      "31/12/2025", "2025-4-01", "2025-04-1", "25-04-01", "2025-04-31", "2025-02-29", "1900-02-29",
      "2025-13-01",
      "2025-00-10", "2025-01-00", "", "2025-01-01-01", "abcd-ef-gh",
    ])
  func isoRefuses(text: String) {
    #expect(Day(iso: text) == nil)
  }

  @Test(
    "typed dates in the forms people write",
    arguments: [
      ("31/12/2025", "2025-12-31"),
      ("2025-12-31", "2025-12-31"),
      ("  31/12/2025 ", "2025-12-31"),
      ("1/9/2025", "2025-09-01"),
      ("31.12.2025", "2025-12-31"),
      ("31-12-2025", "2025-12-31"),
      ("31/12/25", "2025-12-31"),
      ("01/05/98", "1998-05-01"),
      ("01/05/69", "2069-05-01"),
      ("29/02/2028", "2028-02-29"),
      ("29/02/2000", "2000-02-29"),
    ])
  func typed(text: String, iso: String) throws {
    let parsed = try #require(Day(typed: text))
    #expect(parsed.iso == iso)
  }

  @Test(
    "typed dates that do not exist are refused",
    arguments: [
      "31/04/2025", "29/02/2025", "29/02/1900", "30/02/2028", "32/01/2025", "00/01/2025",
      "12/13/2025", "31/06/2025",
      "31/09/2025", "31/11/2025", "2025/12/31", "31/12", "31/12/202", "tomorrow", "",
    ])
  func typedRefuses(text: String) {
    #expect(Day(typed: text) == nil)
  }

  @Test("the British form is DD/MM/YYYY")
  func british() {
    #expect(d("2025-03-07").british == "07/03/2025")
    #expect(d("2025-03-07").description == "2025-03-07")
  }

  @Test(
    "weekdays",
    arguments: [
      ("2025-01-06", 1, "Monday"),
      ("2025-12-31", 3, "Wednesday"),
      ("2028-02-29", 2, "Tuesday"),
      ("2026-07-21", 2, "Tuesday"),
      ("2025-09-06", 6, "Saturday"),
      ("2025-09-07", 7, "Sunday"),
      ("1969-12-28", 7, "Sunday"),
      ("1900-01-01", 1, "Monday"),
    ])
  func weekday(iso: String, number: Int, name: String) {
    let day = d(iso)
    #expect(day.isoWeekday == number)
    #expect(day.weekdayName == name)
    #expect(day.shortWeekdayName == String(name.prefix(3)))
  }

  @Test(
    "adding months keeps the day of the month, clamped to the month's end",
    arguments: [
      ("2025-01-31", 1, "2025-02-28"),
      ("2028-01-31", 1, "2028-02-29"),
      ("2025-01-31", 2, "2025-03-31"),
      ("2025-10-31", 1, "2025-11-30"),
      ("2025-12-31", 2, "2026-02-28"),
      ("2027-12-31", 2, "2028-02-29"),
      ("2025-11-15", 3, "2026-02-15"),
      ("2025-03-31", -1, "2025-02-28"),
      ("2025-01-15", -1, "2024-12-15"),
      ("2025-01-15", -13, "2023-12-15"),
      ("2028-02-29", 12, "2029-02-28"),
      ("2028-02-29", 48, "2032-02-29"),
      ("2025-06-30", 0, "2025-06-30"),
    ])
  func addingMonths(from: String, months: Int, to: String) {
    #expect(d(from).adding(months: months) == d(to))
  }

  @Test("adding days, weeks and years")
  func addingOthers() {
    #expect(d("2028-02-28").adding(days: 1) == d("2028-02-29"))
    #expect(d("2025-02-28").adding(days: 1) == d("2025-03-01"))
    #expect(d("2025-12-31").adding(days: 1) == d("2026-01-01"))
    #expect(d("2025-01-06").adding(weeks: 6) == d("2025-02-17"))
    #expect(d("2025-01-06").adding(weeks: -1) == d("2024-12-30"))
    #expect(d("2028-02-29").adding(years: 1) == d("2029-02-28"))
    #expect(d("2025-01-01").days(until: d("2025-12-31")) == 364)
    #expect(d("2028-01-01").days(until: d("2028-12-31")) == 365)
    #expect(d("2025-12-31").days(until: d("2025-01-01")) == -364)
  }

  @Test(
    "leap years",
    arguments: [
      (1900, false), (2000, true), (2024, true), (2025, false), (2028, true), (2100, false),
      (2400, true),
    ])
  func leapYears(year: Int, leap: Bool) {
    #expect(Day.isLeap(year) == leap)
    #expect(Day.daysIn(month: 2, year: year) == (leap ? 29 : 28))
    #expect((Day(year: year, month: 2, day: 29) != nil) == leap)
  }

  @Test("days in each month")
  func daysInMonths() {
    let expected = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    #expect((1...12).map { Day.daysIn(month: $0, year: 2025) } == expected)
  }

  @Test(
    "ordinal and civil dates round trip, and agree with Foundation's Gregorian calendar, 1900–2100")
  func roundTripAgainstFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    let first = try #require(Day(year: 1900, month: 1, day: 1))
    let last = try #require(Day(year: 2100, month: 12, day: 31))
    var previous: Day?
    var mismatches = 0
    for ordinal in first.ordinal...last.ordinal {
      let day = Day(ordinal: ordinal)
      let (y, m, dd) = day.parts
      let rebuilt = Day(year: y, month: m, day: dd)
      let parts = calendar.dateComponents(
        [.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(ordinal) * 86_400)
      )
      // Foundation: 1 = Sunday … 7 = Saturday.
      let isoWeekday = ((parts.weekday ?? 0) + 5) % 7 + 1
      if rebuilt?.ordinal != ordinal || parts.year != y || parts.month != m || parts.day != dd
        || isoWeekday != day.isoWeekday || Day(iso: day.iso) != day
      {
        mismatches += 1
        if mismatches < 5 { Issue.record("Mismatch at \(day.iso) (ordinal \(ordinal))") }
      }
      if let previous {
        #expect(previous < day)
      }
      previous = day
    }
    #expect(mismatches == 0)
  }

  @Test("ordinal and civil dates round trip over the whole supported range")
  func roundTripWholeRange() throws {
    let first = try #require(Day(year: 1, month: 1, day: 1))
    let last = try #require(Day(year: 9999, month: 12, day: 31))
    #expect(first.ordinal == -719_162)
    #expect(last.ordinal == 2_932_896)
    var bad = 0
    for ordinal in stride(from: first.ordinal, through: last.ordinal, by: 13) {
      let (y, m, dd) = Day(ordinal: ordinal).parts
      if Day(year: y, month: m, day: dd)?.ordinal != ordinal { bad += 1 }
    }
    #expect(bad == 0)
    #expect(Day(year: 0, month: 12, day: 31) == nil)
    #expect(Day(year: 10_000, month: 1, day: 1) == nil)
  }

  @Test("Codable as a YYYY-MM-DD string")
  func codable() throws {
    let encoded = try JSONEncoder().encode([d("2025-12-31"), d("2028-02-29")])
    #expect(String(decoding: encoded, as: UTF8.self) == #"["2025-12-31","2028-02-29"]"#)
    let decoded = try JSONDecoder().decode([Day].self, from: Data(#"["2025-01-06"]"#.utf8))
    #expect(decoded == [d("2025-01-06")])
  }

  @Test(
    "decoding refuses other forms",
    arguments: [#"["31/12/2025"]"#, #"["2025-02-29"]"#, #"[20453]"#])
  func codableRefuses(json: String) {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([Day].self, from: Data(json.utf8))
    }
  }

  @Test("days compare in date order")
  func ordering() {
    #expect(d("2025-12-31") < d("2026-01-01"))
    #expect(!(d("2026-01-01") < d("2025-12-31")))
    #expect(
      [d("2026-01-01"), d("2024-02-29"), d("2025-06-30")].sorted().map(\.iso) == [
        "2024-02-29", "2025-06-30", "2026-01-01",
      ])
  }

  @Test func storedDatesAreReadFromTheirBytes() {
    #expect(Day(isoFast: "2028-02-29") == Day(year: 2028, month: 2, day: 29))
    for bad in [
      "2027-02-29", "2025-1-05", "2025-01-5", "abcd-ef-gh", "2025/01/05", "", "2025-01-051",
    ] {
      #expect(Day(isoFast: bad) == nil, "\(bad)")
    }
    #expect(
      Day.isoList("2026-09-10,2026-11-02,nonsense,2027-01-15")
        == [d("2026-09-10"), d("2026-11-02"), d("2027-01-15")])
    #expect(Day.isoList("").isEmpty)
  }
}
