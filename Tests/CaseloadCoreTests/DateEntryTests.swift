import Testing

@testable import CaseloadCore

@Suite("Typing a date")
struct DateEntryTests {
  /// A Sunday, in the autumn term of 2026/27.
  let today = d("2026-11-29")
  let terms =
    DefaultTerms.terms(for: SchoolYear(startYear: 2026))
    + DefaultTerms.terms(for: SchoolYear(startYear: 2027))

  func day(_ text: String, terms: [Term]? = nil) -> Day? {
    try? DateEntry.parse(text, today: today, terms: terms ?? self.terms).get()
  }

  func message(_ text: String, terms: [Term]? = nil) -> String? {
    switch DateEntry.parse(text, today: today, terms: terms ?? self.terms) {
    case .success(let day):
      Issue.record("“\(text)” was read as \(day.iso)")
      return nil
    case .failure(let error): return error.description
    }
  }

  @Test(
    "every form Day(typed:) reads",
    arguments: [
      ("2025-12-31", "2025-12-31"), ("31/12/2025", "2025-12-31"), ("31/12/25", "2025-12-31"),
      ("31.12.2025", "2025-12-31"), ("31-12-2025", "2025-12-31"), ("1/5/2026", "2026-05-01"),
      ("  01/05/98 ", "1998-05-01"), ("2025-1-5", "2025-01-05"),
    ])
  func typedDates(text: String, iso: String) {
    #expect(day(text) == d(iso))
  }

  @Test("today, tomorrow and yesterday, in any case")
  func words() {
    #expect(day("today") == today)
    #expect(day("Tomorrow") == d("2026-11-30"))
    #expect(day(" YESTERDAY ") == d("2026-11-28"))
  }

  @Test(
    "counts of days, weeks, months and years from today",
    arguments: [
      ("+10d", "2026-12-09"), ("+6w", "2027-01-10"), ("+3m", "2027-02-28"), ("+1y", "2027-11-29"),
      ("-2w", "2026-11-15"), ("+ 6 weeks", "2027-01-10"), ("6 weeks", "2027-01-10"),
      ("in 6 weeks", "2027-01-10"), ("In 10 Days", "2026-12-09"), ("+1 day", "2026-11-30"),
      ("in a week", "2026-12-06"), ("in a fortnight", "2026-12-13"), ("2 weeks ago", "2026-11-15"),
      ("- 3 months", "2026-08-29"), ("+0d", "2026-11-29"), ("+2yrs", "2028-11-29"),
      ("in 1 month", "2026-12-29"),
    ])
  func relative(text: String, iso: String) {
    #expect(day(text) == d(iso))
  }

  @Test("a month later is clamped to the month's end")
  func monthEnds() throws {
    let endOfJanuary = d("2027-01-31")
    #expect(try DateEntry.parse("+1m", today: endOfJanuary, terms: []).get() == d("2027-02-28"))
    #expect(try DateEntry.parse("+13m", today: endOfJanuary, terms: []).get() == d("2028-02-29"))
    #expect(try DateEntry.parse("+1y", today: d("2028-02-29"), terms: []).get() == d("2029-02-28"))
  }

  @Test("next term and end of term from the default English terms")
  func termWords() throws {
    // Autumn 2026 runs to Friday 18 December; spring 2027 starts on Monday 4 January.
    #expect(day("next term") == d("2027-01-04"))
    #expect(day("Next Term") == d("2027-01-04"))
    #expect(day("end of term") == d("2026-12-18"))
    #expect(day("end of next term") == d("2027-03-19"))
    // In the Christmas holiday the term that ends next is spring; the next to start is spring too.
    let holiday = d("2026-12-24")
    #expect(
      try DateEntry.parse("end of term", today: holiday, terms: terms).get() == d("2027-03-19"))
    #expect(try DateEntry.parse("next term", today: holiday, terms: terms).get() == d("2027-01-04"))
    // On the first day of a term, the next term is the one after it.
    #expect(
      try DateEntry.parse("next term", today: d("2027-01-04"), terms: terms).get()
        == d("2027-04-05"))
  }

  @Test("term words without term dates say so")
  func noTerms() {
    #expect(
      message("next term", terms: [])
        == "No term dates are known after 29/11/2026: type the date instead, or add the school's term dates."
    )
    #expect(
      message("end of term", terms: [])
        == "No term dates are known from 29/11/2026 on: type the date instead, or add the school's term dates."
    )
    let lastYear = DefaultTerms.terms(for: SchoolYear(startYear: 2025))
    #expect(message("next term", terms: lastYear)?.hasPrefix("No term dates are known") == true)
  }

  @Test("settings with no terms of their own fall back to the default English terms")
  func settingsTerms() throws {
    #expect(
      try DateEntry.parse("next term", today: today, settings: SchoolSettings()).get()
        == d("2027-01-04"))
    let own = Term(
      schoolYear: SchoolYear(startYear: 2026), name: .spring, start: d("2027-01-06"),
      end: d("2027-03-26"))
    var settings = SchoolSettings(terms: [own])
    #expect(
      try DateEntry.parse("next term", today: today, settings: settings).get() == d("2027-01-06"))
    settings.terms = []
    #expect(
      settings.terms(for: SchoolYear(startYear: 2026)).map(\.name) == [.autumn, .spring, .summer])
  }

  @Test(
    "a weekday is the next such day after today",
    arguments: [
      ("monday", "2026-11-30"), ("Mon", "2026-11-30"), ("next monday", "2026-11-30"),
      ("tues", "2026-12-01"), ("Wednesday", "2026-12-02"), ("thurs", "2026-12-03"),
      ("fri", "2026-12-04"), ("saturday", "2026-12-05"),
      // Today is a Sunday: Sunday means a week today, never today.
      ("sunday", "2026-12-06"), ("next sun", "2026-12-06"),
    ])
  func weekdays(text: String, iso: String) {
    #expect(day(text) == d(iso))
  }

  @Test(
    "a day and month without a year is the next one on or after today",
    arguments: [
      ("31/12", "2026-12-31"), ("29/11", "2026-11-29"), ("28/11", "2027-11-28"),
      ("1/1", "2027-01-01"),
      ("29/02", "2028-02-29"), ("31 Dec", "2026-12-31"), ("3rd March", "2027-03-03"),
      ("December 31", "2026-12-31"),
    ])
  func dayAndMonth(text: String, iso: String) {
    #expect(day(text) == d(iso))
  }

  @Test(
    "months by name, and a weekday that agrees with the date",
    arguments: [
      ("31 December 2025", "2025-12-31"), ("1st Sept 2026", "2026-09-01"),
      ("December 31, 2025", "2025-12-31"), ("15 dec 26", "2026-12-15"),
      ("Tue 15/12/2026", "2026-12-15"), ("Tuesday, 15 December 2026", "2026-12-15"),
    ])
  func named(text: String, iso: String) {
    #expect(day(text) == d(iso))
  }

  @Test("leap days")
  func leapDays() {
    #expect(day("29/02/2028") == d("2028-02-29"))
    #expect(day("2028-02-29") == d("2028-02-29"))
    #expect(message("29/02/2027") == "29/02/2027 is not a date: February 2027 has 28 days.")
    #expect(
      message("29 February 2027") == "29 February 2027 is not a date: February 2027 has 28 days.")
    // 1900 was not a leap year; 2000 was.
    #expect(message("29/02/1900") == "29/02/1900 is not a date: February 1900 has 28 days.")
    #expect(day("29/02/2000") == d("2000-02-29"))
  }

  @Test(
    "impossible dates are refused with the reason",
    arguments: [
      ("31/02/2026", "31/02/2026 is not a date: February 2026 has 28 days."),
      ("13/13/2025", "13/13/2025: there is no month 13."),
      ("31/04/2026", "31/04/2026 is not a date: April 2026 has 30 days."),
      ("2026-02-31", "2026-02-31 is not a date: February 2026 has 28 days."),
      ("0/12/2025", "0/12/2025 is not a date: there is no day 0."),
      ("5/0/2025", "5/0/2025: there is no month 0."),
      ("12/31/2025", "12/31/2025: there is no month 31. Dates go day first: 31/12/2025."),
      ("31/04", "31/04 is not a date: April has 30 days."),
      ("30/02", "30/02 is not a date: February has at most 29 days."),
      ("32/1", "32/1 is not a date: January has 31 days."),
      ("1/13", "1/13: there is no month 13."),
      ("31 June", "31 June is not a date: June has 30 days."),
      (
        "01/01/1850",
        "01/01/1850 is too far from today: Caseload works with dates between 1900 and 2200."
      ),
      ("+300y", "+300y is too far from today: Caseload works with dates between 1900 and 2200."),
      (
        "+9999999d",
        "+9999999d is too far from today: Caseload works with dates between 1900 and 2200."
      ),
      ("Mon 15/12/2026", "Mon 15/12/2026: 15/12/2026 is a Tuesday, not a Monday."),
      (
        "+6",
        "+6: say what to count, for example +6d for days, +6w for weeks, +6m for months or +6y for years."
      ),
    ])
  func refused(text: String, expected: String) {
    #expect(message(text) == expected)
  }

  @Test("empty text and unknown words")
  func unreadable() {
    let hint = "Try 31/12/2025, 2025-12-31, +6w, +10d, +3m or next term."
    #expect(message("") == "No date was typed. \(hint)")
    #expect(message("   ") == "No date was typed. \(hint)")
    #expect(message("next tuesdy") == "Could not read “next tuesdy” as a date. \(hint)")
    for text in [
      "soon", "2026", "31/12/2025/1", "in -2w", "+2w ago", "+6 fortnightly", "12//",
      "31st of never",
      "next", "in", "1.5w", "٣١/١٢/٢٠٢٥",
    ] {
      #expect(message(text) == "Could not read “\(text)” as a date. \(hint)")
    }
  }

  @Test("a hint beside a date field")
  func describe() {
    #expect(DateEntry.describe(d("2026-12-15"), today: today) == "Tue 15/12/2026 (in 16 days)")
    #expect(DateEntry.describe(today, today: today) == "Sun 29/11/2026 (today)")
    #expect(DateEntry.describe(d("2026-11-30"), today: today) == "Mon 30/11/2026 (tomorrow)")
    #expect(DateEntry.describe(d("2026-11-28"), today: today) == "Sat 28/11/2026 (yesterday)")
    #expect(DateEntry.describe(d("2026-11-26"), today: today) == "Thu 26/11/2026 (3 days ago)")
    // What describe writes reads back as the same day.
    #expect(
      day(String(DateEntry.describe(d("2026-12-15"), today: today).prefix(14))) == d("2026-12-15"))
  }
}
