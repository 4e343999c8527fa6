import Testing

@testable import CaseloadCore

@Suite("School years and year groups")
struct YearGroupTests {
  @Test(
    "a school year runs 1 September to 31 August",
    arguments: [
      ("2025-09-01", 2025), ("2025-08-31", 2024), ("2026-08-31", 2025), ("2025-12-31", 2025),
      ("2026-01-01", 2025), ("2028-02-29", 2027),
    ])
  func schoolYearContaining(iso: String, startYear: Int) {
    let year = SchoolYear(containing: d(iso))
    #expect(year.startYear == startYear)
    #expect(year.contains(d(iso)))
    #expect(!year.next.contains(d(iso)))
    #expect(!year.previous.contains(d(iso)))
  }

  @Test("school year bounds and names")
  func schoolYearNames() {
    let year = SchoolYear(startYear: 2025)
    #expect(year.firstDay == d("2025-09-01"))
    #expect(year.lastDay == d("2026-08-31"))
    #expect(year.name == "2025/26")
    #expect(SchoolYear(startYear: 2009).name == "2009/10")
    #expect(SchoolYear(startYear: 1999).name == "1999/00")
    #expect(year.next.startYear == 2026)
    #expect(year.previous.startYear == 2024)
    #expect(year.previous < year)
  }

  @Test(
    "Reception is the school year a child turns 5",
    arguments: [
      // Born 1 September: oldest in the year; turns 5 on the first day of the school year.
      ("2019-09-01", 2024),
      // Born 31 August: youngest; turns 5 on the last day of the school year.
      ("2020-08-31", 2024),
      ("2020-09-01", 2025),
      ("2020-02-29", 2024),
      ("2019-12-25", 2024),
    ])
  func reception(dob: String, receptionYear: Int) {
    let day = d(dob)
    let group = YearGroup(dateOfBirth: day, in: SchoolYear(startYear: receptionYear))
    #expect(group.number == 0)
    #expect(group.description == "R")
    // The child turns 5 during that school year.
    let fifth = day.adding(years: 5)
    #expect(SchoolYear(startYear: receptionYear).contains(fifth))
    #expect(YearGroup(dateOfBirth: day, in: SchoolYear(startYear: receptionYear - 1)).number == -1)
    #expect(YearGroup(dateOfBirth: day, in: SchoolYear(startYear: receptionYear + 1)).number == 1)
  }

  @Test("31 August and 1 September birthdays fall in different year groups")
  func augustAndSeptember() {
    let year = SchoolYear(startYear: 2025)
    let august = YearGroup(dateOfBirth: d("2014-08-31"), in: year)
    let september = YearGroup(dateOfBirth: d("2014-09-01"), in: year)
    #expect(august.number == 7)
    #expect(september.number == 6)
    #expect(august.description == "Y7")
    #expect(september.description == "Y6")
  }

  @Test("Year 11 is the school year a pupil turns 16")
  func yearEleven() {
    let dob = d("2010-03-14")
    let year = SchoolYear(containing: dob.adding(years: 16))
    #expect(YearGroup(dateOfBirth: dob, in: year).number == 11)
  }

  @Test("a leap-day birthday")
  func leapDay() {
    let pupil = Fixture.zoe()  // born 29 February 2016
    #expect(pupil.yearGroup(on: d("2020-09-01")).number == 0)
    #expect(pupil.yearGroup(on: d("2021-08-31")).number == 0)
    #expect(pupil.yearGroup(on: d("2025-12-31")).number == 5)
  }

  @Test("held back and moved up", arguments: [(-1, 5), (0, 6), (1, 7), (-2, 4)])
  func offsets(offset: Int, expected: Int) {
    var pupil = Fixture.oisin()  // Year 6 in 2025/26
    pupil.yearGroupOffset = offset
    #expect(pupil.yearGroup(on: d("2025-10-01")).number == expected)
    #expect(
      YearGroup(dateOfBirth: pupil.dateOfBirth, in: SchoolYear(startYear: 2025), offset: offset)
        .number == expected)
  }

  @Test(
    "the school year a pupil is in a year group inverts the year group", arguments: [-1, 0, 6, 11])
  func schoolYearForYearGroup(number: Int) {
    let dob = d("2014-10-15")
    for offset in -1...1 {
      let year = YearGroup(number).schoolYear(forDateOfBirth: dob, offset: offset)
      #expect(YearGroup(dateOfBirth: dob, in: year, offset: offset).number == number)
    }
    #expect(YearGroup(6).schoolYear(forDateOfBirth: dob) == SchoolYear(startYear: 2025))
    #expect(YearGroup(6).schoolYear(forDateOfBirth: dob, offset: -1) == SchoolYear(startYear: 2026))
  }

  @Test("descriptions", arguments: [(-2, "N"), (-1, "N"), (0, "R"), (1, "Y1"), (13, "Y13")])
  func descriptions(number: Int, text: String) {
    #expect(YearGroup(number).description == text)
  }

  @Test(
    "typed year groups",
    arguments: [
      ("R", 0), ("Reception", 0), ("rec", 0), ("YR", 0), ("0", 0), ("N", -1), ("Nursery", -1),
      ("N2", -1),
      ("N1", -2), ("Y7", 7), ("y7", 7), ("7", 7), ("Year 7", 7), ("year 11", 11), ("Y 13", 13),
      ("14", 14),
    ])
  func typed(text: String, number: Int) throws {
    let group = try #require(YearGroup(typed: text))
    #expect(group.number == number)
  }

  @Test(
    "typed year groups that are not year groups",
    arguments: ["", "Y", "Year", "Y15", "15", "X7", "7a", "Year -1", "Form 7"])
  func typedRefused(text: String) {
    #expect(YearGroup(typed: text) == nil)
  }

  @Test(
    "age in whole years around a leap-day birthday",
    arguments: [
      ("2025-02-27", 8),
      ("2025-02-28", 9),  // 29 February falls on 28 February in other years
      ("2025-03-01", 9),
      ("2028-02-28", 11),
      ("2028-02-29", 12),
      ("2016-02-29", 0),
      ("2017-02-28", 1),
    ])
  func leapDayAge(on iso: String, age: Int) {
    #expect(Fixture.zoe().age(on: d(iso)) == age)
  }

  @Test("age the day before and on an ordinary birthday")
  func ordinaryAge() {
    let pupil = Fixture.oisin()  // born 15 October 2014
    #expect(pupil.age(on: d("2025-10-14")) == 10)
    #expect(pupil.age(on: d("2025-10-15")) == 11)
    #expect(pupil.age(on: d("2025-12-31")) == 11)
    #expect(pupil.age(on: d("2026-01-01")) == 11)
  }
}
