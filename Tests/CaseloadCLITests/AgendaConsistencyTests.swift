import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadCLI

/// One agenda: on random caseloads and days, `status` names nothing `due` leaves out, the store's agenda is the
/// domain's function of the records, and the list's next due is the earliest item of the pupil's agenda.
@Suite struct AgendaConsistencyTests {
  /// A repeatable generator, so a failure names a seed that fails again.
  struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// The demo loaded on a random day, then random follow-ups and review actions, some of them done.
  func randomCaseload(seed: UInt64, folder: TemporaryFolder) throws -> (Store, Day) {
    var random = Seeded(state: seed)
    let loaded = Day(iso: "2025-09-01")!.adding(days: Int.random(in: 0...900, using: &random))
    let store = try Store.open(at: folder.file("caseload-\(seed).sqlite"))
    try DemoWriter.write(into: store, today: loaded)
    let pupils = try store.summaries()
    try store.perform { step in
      for s in pupils where Bool.random(using: &random) {
        let date = loaded.adding(days: -Int.random(in: 0...120, using: &random))
        let entry = LogEntry(
          kind: .call, date: date, who: "Invented caller", summary: "A call about the plan",
          action: "Ring back", followUp: date.adding(days: Int.random(in: 1...60, using: &random)))
        try step.edit(s.id, .log(entry), today: loaded)
        guard Bool.random(using: &random), let p = try step.pupil(s.id),
          let id = p.chronology.last(where: { $0.summary == "A call about the plan" })?.id
        else { continue }
        try step.edit(
          s.id, .markDone(.log(id), on: min(loaded, date.adding(days: 3))), today: loaded)
      }
    }
    return (store, loaded)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func statusDueAndTheListAgree(seed: UInt64) throws {
    let folder = TemporaryFolder()
    let (store, loaded) = try randomCaseload(seed: seed, folder: folder)
    var random = Seeded(state: seed &* 7)
    let records = try store.allPupils().map(\.value)
    let settings = try store.settings(today: loaded).value
    // Days from the load onwards, as a school's days run: the rows are built for any day from the latest date
    // the records hold (a meeting booked ahead stays open until it happens).
    for _ in 0..<4 {
      let day = loaded.adding(days: Int.random(in: 0...200, using: &random))
      let urgency = Urgency(today: day, settings: settings)
      let summaries = try store.summaries()

      let report = StatusReport(
        facts: try store.statusFacts(
          today: day, expectedMeetings: MeetingPace(today: day, settings: settings).requiredByNow),
        today: day, settings: settings)
      let due = DueList.items(
        deadlines: try store.openDeadlines(on: day, dueBy: day.adding(days: 28)),
        pupils: summaries, urgency: urgency, withinDays: 28)
      let dueKeys = Set(due.map(\.key))
      let reported =
        report.overdue + report.dueSoon + report.ehcOverdue + report.ehcDueSoon
        + report.behindOnParentMeetings
      for item in reported {
        #expect(dueKeys.contains(item.key), "seed \(seed), \(day): \(item.key) is in status only")
      }

      let everything = DueList.items(
        deadlines: try store.openDeadlines(on: day), pupils: summaries, urgency: urgency,
        withinDays: nil)
      let fromRecords = DueList.items(pupils: records, urgency: urgency, withinDays: nil)
      #expect(everything == fromRecords, "seed \(seed), \(day): the store's agenda is the domain's")
      let lean = DueList.items(
        deadlines: try store.openDeadlines(on: day), pupils: try store.agendaPupils(),
        urgency: urgency, withinDays: nil)
      #expect(lean == everything, "seed \(seed), \(day): `due` reads only what the agenda needs")

      for s in summaries {
        let earliest = everything.filter { $0.pupil.id == s.id.rawValue && !$0.kind.isWindow }
          .map(\.due).min()
        #expect(
          urgency.next(s)?.due == earliest,
          "seed \(seed), \(day): next due of \(s.displayName)")
        #expect(
          urgency.isOverdue(s) == (earliest.map { $0 < day } ?? false),
          "seed \(seed), \(day): ! for \(s.displayName)")
      }
    }
  }

  @Test func aStoreBuiltByOlderRulesIsRebuiltWhenOpened() throws {
    let folder = TemporaryFolder()
    let path = folder.file("old-rules.sqlite")
    let today = Day(iso: "2026-11-29")!
    try DemoWriter.write(into: try Store.open(at: path), today: today)
    let expected = try Store.open(at: path).stateDump()
    // As an older Caseload left it: no follow-ups among the rows, and an older rules version.
    try run(
      "/usr/bin/env",
      [
        "sqlite3", path,
        "DELETE FROM deadline WHERE kind IN ('follow-up', 'action', 'provision-end'); UPDATE pupil_summary SET next_due = NULL; PRAGMA user_version = 1;",
      ])
    let reopened = try Store.open(at: path)
    #expect(try reopened.stateDump() == expected, "the rows as the current rules build them")
    #expect(try reopened.check().isSound)
  }
}
