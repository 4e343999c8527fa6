import Testing

@testable import CaseloadCore

@Suite("Default term dates")
struct TermTests {
  @Test(
    "Easter Sunday",
    arguments: [
      (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
      (2019, "2019-04-21"), (2038, "2038-04-25"), (2008, "2008-03-23"), (2000, "2000-04-23"),
    ])
  func easter(year: Int, iso: String) {
    let easter = DefaultTerms.easterSunday(year)
    #expect(easter == d(iso))
    #expect(easter.weekdayName == "Sunday")
  }

  @Test("the terms of 2025/26")
  func terms2025() throws {
    let terms = DefaultTerms.terms(for: SchoolYear(startYear: 2025))
    try #require(terms.count == 3)
    #expect(terms.map(\.name) == [.autumn, .spring, .summer])
    #expect(terms.map(\.title) == ["Autumn 2025", "Spring 2026", "Summer 2026"])
    #expect(terms[0].start == d("2025-09-03"))  // first Wednesday on or after 2 September
    #expect(terms[0].end == d("2025-12-19"))
    #expect(terms[1].start == d("2026-01-05"))
    #expect(terms[1].end == d("2026-03-27"))  // before Good Friday, 3 April 2026
    #expect(terms[2].start == d("2026-04-13"))
    #expect(terms[2].end == d("2026-07-21"))
    #expect(terms.allSatisfy { $0.schoolYear == SchoolYear(startYear: 2025) })
  }

  @Test(
    "default terms are in order and sane for every year this century", arguments: Array(2000...2099)
  )
  func sane(startYear: Int) throws {
    let year = SchoolYear(startYear: startYear)
    let terms = DefaultTerms.terms(for: year)
    try #require(terms.count == 3)
    let (autumn, spring, summer) = (terms[0], terms[1], terms[2])
    // Autumn starts early September, on a Wednesday.
    #expect(autumn.start.month == 9)
    #expect((2...8).contains(autumn.start.dayOfMonth))
    #expect(autumn.start.weekdayName == "Wednesday")
    #expect(autumn.end.month == 12 && autumn.end.weekdayName == "Friday")
    #expect(spring.start.month == 1 && spring.start.weekdayName == "Monday")
    // In order, without overlap, all inside the school year.
    for term in terms {
      #expect(term.start <= term.end)
      #expect(year.contains(term.start) && year.contains(term.end))
      #expect(term.start.isoWeekday <= 5 && term.end.isoWeekday <= 5)
    }
    #expect(autumn.end < spring.start)
    #expect(spring.end < summer.start)
    // Easter falls in the holiday between spring and summer.
    let easter = DefaultTerms.easterSunday(startYear + 1)
    #expect(spring.end < easter.adding(days: -2))
    #expect(easter < summer.start)
    #expect(summer.end.month == 7 && summer.end.dayOfMonth <= 21)
    // Each term is a plausible length (in weeks).
    for term in terms {
      #expect((8...17).contains(term.start.days(until: term.end) / 7), "\(term.title)")
    }
  }

  @Test("the term a day falls in, or the next one in a holiday")
  func termOn() throws {
    let settings = SchoolSettings.defaults(today: d("2025-10-01"))
    #expect(settings.terms.count == 6)
    #expect(settings.term(on: d("2025-10-01"))?.title == "Autumn 2025")
    #expect(settings.term(on: d("2025-12-25"))?.title == "Spring 2026")
    #expect(settings.term(on: d("2026-04-06"))?.title == "Summer 2026")
    #expect(settings.term(on: d("2026-08-10"))?.title == "Autumn 2026")
    #expect(settings.term(on: d("2027-08-10")) == nil)
  }
}
