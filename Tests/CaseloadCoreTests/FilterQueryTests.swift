import Testing

@testable import CaseloadCore

@Suite("Filter words")
struct FilterQueryTests {
  @Test func everyKindOfWordIsRead() throws {
    var f = CaseloadFilter(includeLeavers: true, search: "lily")
    try f.apply(query: "Y7 year8 rec K e mon asd semh sensory do review due:28 overdue")
    #expect(f.years == [0, 7, 8])
    #expect(f.codes == [.K, .E])
    #expect(f.monitoringOnly)
    #expect(f.needs == [.ASD, .SEMH])
    #expect(f.areas == [.sensoryPhysical])
    #expect(f.stages == [.do, .review])
    #expect(f.dueWithinDays == 28)
    #expect(f.overdueOnly)
    #expect(f.includeLeavers && f.search == "lily", "search and leavers are kept")
  }

  @Test(
    arguments: [
      ("6", [6]), ("year 6", [6]), ("Year 6 y7", [6, 7]), ("f6", nil), ("year", nil), ("15", nil),
    ] as [(String, Set<Int>?)])
  func aBareNumberOrYearAndANumberIsAYearGroup(query: String, years: Set<Int>?) {
    var f = CaseloadFilter()
    do {
      try f.apply(query: query)
      #expect(f.years == years, "\(query)")
    } catch {
      #expect(years == nil, "\(query): \(error)")
    }
  }

  @Test(arguments: [
    "", "nursery", "y7 y10 K N mon", "SPLD cognition communication", "due:0 overdue",
  ])
  func theWordsReadBackToTheSameFilter(query: String) throws {
    var f = CaseloadFilter()
    try f.apply(query: query)
    var again = CaseloadFilter()
    try again.apply(query: f.query)
    #expect(again == f)
    #expect(f.hasConditions == !query.isEmpty)
  }

  @Test func nurseryIsNotTheCensusCodeN() throws {
    var f = CaseloadFilter()
    try f.apply(query: "nursery")
    #expect(f.query == "nursery")
    #expect(f.codes.isEmpty && f.years == [-1])
  }

  @Test func anUnreadableWordChangesNothingAndIsNamed() throws {
    var f = CaseloadFilter()
    try f.apply(query: "K")
    #expect(throws: FilterQueryError(word: "y77")) { try f.apply(query: "y7 y77") }
    #expect(throws: FilterQueryError(word: "due:x")) { try f.apply(query: "due:x") }
    #expect(f.codes == [.K] && f.years.isEmpty)
    #expect(
      "\(FilterQueryError(word: "fish"))"
        == "“fish” is not a filter. Try y7, K, E, mon, ASD, semh, do, due:28 or overdue.")
  }

  @Test func aTypedFilterSelectsThePupilsItSays() throws {
    let today = Fixture.today
    let p = try Fixture.onSupport()
    let s = PupilSummary(p)
    var f = CaseloadFilter()
    try f.apply(query: "K \(s.primaryNeed!.rawValue)")
    #expect(f.matches(s, urgency: Urgency(today: today, settings: .defaults(today: today))))
    try f.apply(query: "E")
    #expect(!f.matches(s, urgency: Urgency(today: today, settings: .defaults(today: today))))
  }
}
