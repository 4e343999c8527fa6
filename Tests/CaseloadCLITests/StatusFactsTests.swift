import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadCLI

/// The store answers `status` in SQL; these hold its answer against the same facts computed from whole records.
@Suite struct StatusFactsTests {
  @Test(arguments: ["2025-09-03", "2026-01-15", "2026-11-29", "2027-07-20", "2028-02-29"])
  func theStoresAnswerMatchesTheRecords(day: String) throws {
    let today = try #require(Day(iso: day))
    let folder = TemporaryFolder()
    let store = try Store.open(at: folder.file("caseload.sqlite"))
    try DemoWriter.write(into: store, today: today)
    // Look from a few days around the load, so deadlines cross today in both directions.
    for offset in [-20, 0, 9, 45] {
      let asOf = today.adding(days: offset)
      let fromStore = try store.statusFacts(today: asOf, expectedMeetings: 3)
      let fromRecords = StatusFacts(
        pupils: try store.allPupils().map(\.value), today: asOf,
        dueBy: StatusReport.horizon(from: asOf),
        expectedMeetings: 3)
      #expect(fromStore.normalised == fromRecords.normalised, "as of \(asOf)")
      #expect(!fromStore.due.isEmpty)
    }
  }

  /// The text report makes only the items it shows: the same first ten, and the full counts.
  @Test(arguments: ["2026-11-29", "2027-02-10"])
  func aReportCutToTheMostUrgentKeepsTheirOrderAndCounts(day: String) throws {
    let today = try #require(Day(iso: day))
    let folder = TemporaryFolder()
    let store = try Store.open(at: folder.file("caseload.sqlite"))
    try DemoWriter.write(into: store, today: today.adding(days: -100))
    let settings = try store.settings(today: today).value
    let facts = try store.statusFacts(today: today, expectedMeetings: 3)
    let full = StatusReport(facts: facts, today: today, settings: settings)
    let cut = StatusReport(facts: facts, today: today, settings: settings, limit: 3)
    for (name, all, shown) in [
      ("overdue", full.overdue, cut.overdue), ("dueSoon", full.dueSoon, cut.dueSoon),
      ("ehcOverdue", full.ehcOverdue, cut.ehcOverdue),
      ("ehcDueSoon", full.ehcDueSoon, cut.ehcDueSoon),
      ("behindOnParentMeetings", full.behindOnParentMeetings, cut.behindOnParentMeetings),
    ] {
      #expect(Array(all.prefix(3)) == shown, "\(name)")
      #expect(cut.sizes[name] == all.count, "\(name)")
      #expect(all == all.sorted(by: AgendaItem.soonest), "\(name) soonest first")
    }
    #expect(full.overdue.count > 3, "the cut is tried")
  }

  @Test func aBookedAnnualReviewStaysDueUntilItHappens() throws {
    let today = Day(iso: "2026-11-29")!
    let folder = TemporaryFolder()
    let store = try Store.open(at: folder.file("caseload.sqlite"))
    let id = AggregateID("pehc")
    try store.perform { step in
      try step.add(
        Pupil(
          id: id, legalName: PersonName(given: "Tomás", family: "Fernández"),
          dateOfBirth: Day(iso: "2015-02-01")!),
        today: today)
      try step.edit(
        id, .startSENSupport(on: Day(iso: "2024-09-10")!, needs: [.ASD], parentsInformed: nil),
        today: today)
      try step.edit(
        id, .requestEHCAssessment(by: .school, on: Day(iso: "2025-09-01")!), today: today)
      try step.edit(id, .recordLADecision(.assess, on: Day(iso: "2025-10-06")!), today: today)
      try step.edit(id, .recordDraftPlan(on: Day(iso: "2025-12-15")!), today: today)
      try step.edit(id, .recordFinalPlan(on: Day(iso: "2026-01-12")!), today: today)
      // Booked a fortnight after the review falls due (12/01/2027).
      try step.edit(id, .scheduleAnnualReview(meeting: Day(iso: "2027-01-26")!), today: today)
    }
    let settings = SchoolSettings.defaults(today: today)
    func report(_ day: String) throws -> StatusReport {
      let d = Day(iso: day)!
      return StatusReport(
        facts: try store.statusFacts(today: d, expectedMeetings: 3), today: d, settings: settings)
    }
    #expect(try report("2026-12-20").ehcDueSoon.map(\.kind).contains(.ehcAnnualReview))
    #expect(try report("2027-01-20").ehcOverdue.map(\.kind).contains(.ehcAnnualReview))
    #expect(try !report("2027-01-27").ehcOverdue.map(\.kind).contains(.ehcAnnualReview))
  }
}
