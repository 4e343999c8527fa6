import Testing

@testable import CaseloadCore

/// The agenda in the domain: what comes back from entered dates, marking done, and the pace of meetings.
@Suite("The agenda")
struct AgendaTests {
  let today = Fixture.today

  func withFollowUp() throws -> (Pupil, Int) {
    let entry = LogEntry(
      kind: .call, date: today.adding(days: -5), who: "Mum", summary: "Asked about the group",
      action: "Send the timetable", followUp: today.adding(days: 7))
    let p = try PupilEdit.log(entry).apply(to: try Fixture.onSupport(), today: today)
    return (p, p.chronology.last?.id ?? -1)
  }

  @Test func aFollowUpIsOnTheAgendaUntilMarkedDoneAndUndoneByOpeningIt() throws {
    let (p, id) = try withFollowUp()
    let item = try #require(p.openDeadlines(on: today).first { $0.ref == .log(id) })
    #expect(item.kind == .followUp && item.title == "Follow up: Send the timetable")
    let done = try PupilEdit.markDone(.log(id), on: today).apply(to: p, today: today)
    #expect(!done.openDeadlines(on: today).contains { $0.ref == .log(id) })
    #expect(done.deadlines.contains { $0.ref == .log(id) && $0.met == today }, "kept, met")
    let open = try PupilEdit.markDone(.log(id), on: nil).apply(to: done, today: today)
    #expect(open.openDeadlines(on: today).contains { $0.ref == .log(id) })
  }

  @Test func recordReferencesReadBackAndDamagedOnesAreRefused() {
    let refs: [AgendaRef] = [
      .none, .ehc, .contacts, .cycle(3), .log(120), .provision(cycle: 2, id: 7),
      .action(cycle: 12, index: 0),
    ]
    for ref in refs { #expect(AgendaRef(rawValue: ref.rawValue) == ref) }
    for damaged in [
      "cycle", "cycle:", "cycle:1.2", "log:-1", "log:1x", "action:1", "action:1.", "action:.1",
      "action:1.2.3", "provision:1.2 ", "plan:1", ":1", "log:99999999999999999999", "EHC",
    ] {
      #expect(AgendaRef(rawValue: damaged) == nil, "\(damaged)")
    }
  }

  @Test func markingDoneIsRefusedWhereItCannotBe() throws {
    let (p, id) = try withFollowUp()
    #expect(throws: EditError.self) {
      try PupilEdit.markDone(.log(id), on: today.adding(days: 1)).apply(to: p, today: today)
    }
    #expect(throws: EditError.self) {
      try PupilEdit.markDone(.log(id), on: today.adding(days: -30)).apply(to: p, today: today)
    }
    #expect(throws: EditError.self) {
      try PupilEdit.markDone(.cycle(1), on: today).apply(to: p, today: today)
    }
    #expect(throws: EditError.self) {
      try PupilEdit.markDone(.action(cycle: 9, index: 0), on: today).apply(to: p, today: today)
    }
    var entry = try #require(p.chronology.last)
    entry.followUp = nil
    entry.followUpDone = today
    #expect(throws: EditError.self) { try PupilEdit.updateLog(entry).apply(to: p, today: today) }
  }

  @Test func meetingsWithParentsGoAtATermsPace() {
    let settings = SchoolSettings.defaults(today: Day(iso: "2026-09-01")!)
    // First week of the autumn term: nobody is behind; the term's meeting is due by its end.
    let september = MeetingPace(today: Day(iso: "2026-09-07")!, settings: settings)
    #expect(september.requiredByNow == 0)
    let first = september.item(held: 0)
    #expect(first?.due == september.terms[0].end)
    #expect(september.item(held: 1) == nil, "one held: nothing due until the spring term")
    // In the spring term, one meeting held: behind since the autumn term ended.
    let february = MeetingPace(today: Day(iso: "2027-02-10")!, settings: settings)
    #expect(february.requiredByNow == 1)
    #expect(february.item(held: 0).map { $0.due < february.today } == true)
    #expect(february.item(held: 1).map { $0.due == february.terms[1].end } == true)
    #expect(february.item(held: 3) == nil)
  }
}

/// The chronology stays in date order however entries arrive, and an entry moved to another date moves with it.
@Suite struct ChronologyOrderTests {
  @Test func entriesGoWhereTheirDatesPutThem() throws {
    let today = d("2026-11-29")
    var p = try Fixture.onSupport()
    for (n, day) in ["2026-03-02", "2025-10-06", "2026-03-02", "2026-11-20", "2025-10-06"]
      .enumerated()
    {
      p = try PupilEdit.log(LogEntry(kind: .note, date: d(day), who: "SENCo", summary: "Note \(n)"))
        .apply(to: p, today: today)
    }
    #expect(p.chronology.map(\.summary) == ["Note 1", "Note 4", "Note 0", "Note 2", "Note 3"])
    var moved = try #require(p.chronology.first)
    moved.date = d("2026-11-25")
    p = try PupilEdit.updateLog(moved).apply(to: p, today: today)
    #expect(p.chronology.map(\.summary) == ["Note 4", "Note 0", "Note 2", "Note 3", "Note 1"])
  }
}
