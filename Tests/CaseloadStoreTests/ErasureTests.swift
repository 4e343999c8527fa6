import CaseloadCore
import Foundation
import GRDB
import Testing

@testable import CaseloadStore

@Suite struct ErasureTests {
  static let secret = Pupil(
    id: AggregateID("perase1"),
    legalName: PersonName(given: "Quillon", family: "Varga-Thistlewood"),
    dateOfBirth: Day(iso: "2012-07-19")!, upn: "A123456789012")

  /// A store with the pupil to erase (a leaver with history, a paused meeting, an access log) beside others.
  func storeWithLeaver(_ folder: TemporaryFolder) throws -> (Store, AggregateID) {
    let a = try openStore(folder, as: alice)
    let other = try addSupportedPupil(a, 2)
    try a.perform { step in
      try step.add(Self.secret, today: today)
      try step.edit(
        Self.secret.id,
        .startSENSupport(on: Day(iso: "2016-09-10")!, needs: [.SPLD], parentsInformed: nil),
        today: today)
      try step.edit(
        Self.secret.id, .startCycle(on: Day(iso: "2016-09-10")!, carryForward: false), today: today)
    }
    for i in 0..<5 {
      try a.edit(
        Self.secret.id,
        .log(
          LogEntry(
            kind: .meeting, date: Day(iso: "2017-01-1\(i)")!, who: "Mrs Varga-Thistlewood",
            summary: "Quillon's reading \(i)")),
        today: today)
      try a.edit(other, .setPupilVoice("Other \(i)"), today: today)
    }
    try a.edit(Self.secret.id, .recordLeaving(on: Day(iso: "2024-07-20")!), today: today)
    try a.setPreference("caseload", #"{"search":"quillon varga"}"#)
    try a.saveMeetingDraft(
      MeetingDraft(
        pupil: try #require(try a.pupil(other)).value, date: today,
        settings: .defaults(today: today)))
    try a.saveMeetingDraft(
      MeetingDraft(
        pupil: try #require(try a.pupil(Self.secret.id)).value, date: today,
        settings: .defaults(today: today)))
    try a.recordAccess(Self.secret.id, "show")
    try a.recordAccess(Self.secret.id, "export pupil")
    try a.recordAccess(Self.secret.id, "show")
    try a.edit(other, .setParentViews("Last word"), today: today)
    return (a, other)
  }

  @Test func retentionListsLeaversPastTheirPeriod() throws {
    let folder = TemporaryFolder()
    let (a, _) = try storeWithLeaver(folder)
    let later = Day(iso: "2044-01-01")!
    let due = try a.retentionDue(today: later, years: 31)
    #expect(due.map(\.pupil.id) == [Self.secret.id])
    #expect(due.first?.keptUntil == Day(iso: "2043-07-19"))
    #expect(try a.retentionDue(today: later, years: 40).isEmpty)
    #expect(try a.retentionDue(today: today, years: 31).isEmpty)
  }

  @Test func anErasedPupilLeavesNoByteInTheFileOrItsLog() throws {
    let folder = TemporaryFolder()
    let (a, other) = try storeWithLeaver(folder)
    #expect(try a.accessLog(for: Self.secret.id).first?.what == ["show", "export pupil"])
    let path = folder.file("caseload.sqlite")
    #expect(try Self.rawBytes(path).contains { $0.1.contains("Varga-Thistlewood") })
    let line = try a.erase([Self.secret.id], rule: .retention(years: 31))
    #expect(line.records == 1 && line.events == 7)
    for needle in [
      "Varga-Thistlewood", "Quillon", "quillon", "A123456789012", "2012-07-19", "19/07/2012",
      "perase1",
    ] {
      for (file, text) in try Self.rawBytes(path) {
        let found = text.contains(needle)
        #expect(!found, "\(needle) is still in \(file)")
      }
    }
    #expect(try a.pupil(Self.secret.id) == nil)
    #expect(try a.accessLog(for: Self.secret.id).isEmpty)
    let log = try a.erasureLog()
    #expect(log.count == 1)
    #expect(log.first?.rule.contains("31 years") == true && log.first?.user == "alice")
    // The rest of the store is whole: its history replays and undo still works on the other pupil.
    try ReplayTests.expectUnbrokenHistory(a)
    _ = try a.undo()
    #expect(try a.pupil(other)?.value.cycles.last?.plan.parentViews == "")
    #expect(try a.meetingDraft(for: other) != nil, "another pupil's paused meeting stays")
    #expect(try a.meetingDraft(for: Self.secret.id) == nil, "their own paused meeting goes")
    #expect(try a.preference("caseload") == nil, "a search that named them goes")
    try a.rebuildFromHistory()
  }

  /// Erasure takes their own paused meeting, not a sibling's that mentions them or whose id starts with theirs:
  /// another pupil's record, and their work in progress, stay.
  @Test func anotherPupilsPausedMeetingStays() throws {
    let folder = TemporaryFolder()
    let (a, _) = try storeWithLeaver(folder)
    var sibling = invented(10, given: "Mira", family: "Varga")
    sibling.id = AggregateID("perase10")
    try a.perform { step in
      try step.add(sibling, today: today)
      try step.edit(
        sibling.id,
        .startSENSupport(on: Day(iso: "2026-09-10")!, needs: [.SPLD], parentsInformed: nil),
        today: today)
      try step.edit(
        sibling.id, .startCycle(on: Day(iso: "2026-09-10")!, carryForward: false), today: today)
    }
    var draft = MeetingDraft(
      pupil: try #require(try a.pupil(sibling.id)).value, date: today,
      settings: .defaults(today: today))
    draft.parentViews = "Quillon's sister is settling well"
    try a.saveMeetingDraft(draft)
    try a.erase([Self.secret.id], rule: .enteredInError)
    #expect(try a.meetingDraft(for: sibling.id)?.parentViews == "Quillon's sister is settling well")
  }

  /// Another session reading the store while the file is rewritten: the erasure stands, the person is told the
  /// bytes may remain until `caseload retention` rewrites the file, and that then clears them.
  @Test func anErasureHeldUpByAReaderSaysSoAndIsFinishedLater() throws {
    let folder = TemporaryFolder()
    let (a, _) = try storeWithLeaver(folder)
    let path = folder.file("caseload.sqlite")
    let reader = try DatabaseQueue(path: path)
    let hold = DispatchSemaphore(value: 0)
    let holding = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      try? reader.read { db in
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM aggregate")
        holding.signal()
        hold.wait()
      }
    }
    holding.wait()
    #expect(throws: StoreError.self) { try a.erase([Self.secret.id], rule: .enteredInError) }
    hold.signal()
    try reader.close()
    #expect(try a.pupil(Self.secret.id) == nil, "the erasure itself stands")
    try a.compactFile()
    for (file, text) in try Self.rawBytes(path) {
      let found = text.contains("Varga-Thistlewood")
      #expect(!found, "still in \(file)")
    }
  }

  @Test func theHistoryStaysAppendOnlyOnEveryOtherPath() throws {
    let folder = TemporaryFolder()
    let (a, _) = try storeWithLeaver(folder)
    #expect(throws: (any Error).self) {
      try a.write { db in
        try db.execute(
          sql: "DELETE FROM event WHERE aggregate_id = ?", arguments: [Self.secret.id.rawValue])
      }
    }
    #expect(throws: (any Error).self) {
      try a.write { db in try db.execute(sql: "UPDATE event SET summary = 'x'") }
    }
    #expect(try a.eventCount() > 10)
  }

  /// Every file of the store, as text (invalid UTF-8 replaced), to search for what must be gone.
  static func rawBytes(_ path: String) throws -> [(String, String)] {
    try ["", "-wal", "-shm"].compactMap { suffix in
      guard let data = FileManager.default.contents(atPath: path + suffix) else { return nil }
      return (path + suffix, String(decoding: data, as: UTF8.self))
    }
  }
}
