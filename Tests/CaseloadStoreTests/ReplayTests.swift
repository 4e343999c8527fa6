import CaseloadCore
import Foundation
import GRDB
import Testing

@testable import CaseloadStore

@Suite struct ReplayTests {
  /// A random mix of edits, undos and redos by two users; the seed makes a failure repeatable.
  @Test(arguments: [1, 2, 3, 42, 2026])
  func replayingTheHistoryFromEmptyReproducesTheStateTables(seed: Int) throws {
    let folder = TemporaryFolder()
    let a = try openStore(folder, as: alice)
    let b = try openStore(folder, as: bob)
    var rng = SeededRandom(seed: UInt64(seed))
    var ids: [AggregateID] = []
    for n in 0..<6 { ids.append(try addSupportedPupil(n % 2 == 0 ? a : b, n)) }
    for i in 0..<150 {
      let store = rng.next() % 2 == 0 ? a : b
      let id = ids[Int(rng.next() % UInt64(ids.count))]
      switch rng.next() % 8 {
      case 0: _ = try? store.undo()
      case 1: _ = try? store.redo()
      case 2:
        try store.edit(
          id,
          .log(
            LogEntry(
              kind: .meeting, date: today.adding(days: -Int(rng.next() % 200)), who: "Parent",
              withParents: true, summary: "Meeting \(i)")),
          today: today)
      case 3:
        try store.edit(
          id, .setReviewDate(today.adding(days: Int(rng.next() % 90) - 30)), today: today)
      case 4:
        try store.edit(
          id, .addOutcome(Outcome(area: .semh, text: "Outcome \(i) — Zoë’s goal")), today: today)
      case 5: _ = try? store.edit(id, .setNeeds([.SPLD, .SLCN]), today: today)
      case 6:
        try store.perform {
          try $0.editSettings(.setParentMeetingsPerYear(Int(rng.next() % 5) + 1), today: today)
        }
      default: try store.edit(id, .setPupilVoice("Voice \(i)"), today: today)
      }
    }
    let before = try a.stateDump()
    #expect(before.count > 10)
    try Self.expectUnbrokenHistory(a)
    try a.rebuildFromHistory()
    #expect(try a.stateDump() == before)
  }

  /// Every event starts from exactly the document and version the previous event on that record left: its
  /// changes apply to that document and give the one it fingerprinted.
  static func expectUnbrokenHistory(_ store: Store) throws {
    let events = try store.read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT aggregate_id, delta, after_hash, before_version, after_version FROM event ORDER BY seq"
      )
    }
    var last: [String: (document: [UInt8], version: Int)] = [:]
    for e in events {
      let id: String = e[0]
      let previous = last[id]
      let after = try DocumentDelta(json: [UInt8](e[1] as Data)).apply(to: previous?.document ?? [])
      #expect(DocumentHash.of(after) == e[2] as Int64, "event on \(id) does not give what it saved")
      #expect(e[3] as Int? == previous?.version)
      #expect(e[4] as Int == (previous?.version ?? 0) + 1)
      last[id] = (after, e[4] as Int)
    }
    #expect(!events.isEmpty)
    for (id, record) in last {
      let stored = try store.read { db in
        try Data?.fetchOne(db, sql: "SELECT document FROM aggregate WHERE id = ?", arguments: [id])
      }
      #expect(
        (stored.flatMap { $0 }.map { [UInt8]($0) } ?? []) == record.document,
        "\(id) is not where its history leaves it")
    }
  }

  @Test func rebuildRepairsLostSummaries() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    _ = try addSupportedPupil(store)
    let before = try store.stateDump()
    try store.write { db in try db.execute(sql: "DELETE FROM pupil_summary; DELETE FROM deadline") }
    #expect(try store.stateDump() != before)
    try store.rebuildFromHistory()
    #expect(try store.stateDump() == before)
  }

  @Test func historyCannotBeRewritten() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    _ = try addSupportedPupil(store)
    #expect(throws: (any Error).self) {
      try store.write { db in try db.execute(sql: "DELETE FROM event") }
    }
    #expect(throws: (any Error).self) {
      try store.write { db in try db.execute(sql: "UPDATE event SET summary = 'x'") }
    }
    #expect(try store.eventCount() == 1)
  }
}

/// SplitMix64: a small repeatable generator for property tests.
struct SeededRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Stores written before the history kept changes are converted when they open.
@Suite struct HistoryMigrationTests {
  @Test func anOldStoreIsConvertedOnOpenAndUndoCarriesOn() throws {
    let folder = TemporaryFolder()
    let a = try openStore(folder)
    let id = try addSupportedPupil(a)
    for i in 0..<30 { try a.edit(id, .setPupilVoice("Voice \(i)"), today: today) }
    try a.edit(id, .addOutcome(Outcome(area: .semh, text: "Joins in at break")), today: today)
    let expected = try a.stateDump()
    let old = folder.file("old.sqlite")
    try a.writeVersionOneCopy(to: old)
    let reports = Reports()
    let b = try Store.open(
      at: old, actor: alice, clock: steppingClock(),
      progress: { done, total in reports.add(done, total) })
    #expect(reports.last?.done == 32 && reports.last?.total == 32)
    #expect(try b.stateDump() == expected)
    try ReplayTests.expectUnbrokenHistory(b)
    let undone = try b.undo()
    #expect(undone.summary.contains("outcome"), "\(undone.summary)")
    #expect(try b.pupil(id)?.value.cycles.last?.plan.outcomes.isEmpty == true)
    _ = try b.undo()
    #expect(try b.pupil(id)?.value.cycles.last?.plan.pupilVoice == "Voice 28")
    try b.rebuildFromHistory()
    try ReplayTests.expectUnbrokenHistory(b)
    // Opening again converts nothing more.
    let c = try Store.open(
      at: old, actor: alice, clock: steppingClock(),
      progress: { done, total in reports.add(done, total) })
    #expect(reports.count == 1)
    _ = c
  }
}

final class Reports: @unchecked Sendable {
  private var items: [(done: Int, total: Int)] = []
  func add(_ done: Int, _ total: Int) { items.append((done, total)) }
  var last: (done: Int, total: Int)? { items.last }
  var count: Int { items.count }
}
