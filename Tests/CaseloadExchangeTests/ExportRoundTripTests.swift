import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadExchange
@testable import CaseloadStore

/// `export all` then `import all` into an empty store gives the same store back, history included.
@Suite struct ExportRoundTripTests {
  let exportedAt = Date(timeIntervalSince1970: 1_800_000_000)

  /// Several pupils, two users, edits, an undo and a redo, settings, a preference and a paused meeting.
  func storeWithHistory(_ folder: TemporaryFolder) throws -> Store {
    let a = try Store.open(at: folder.file("a.sqlite"), actor: alice, clock: steppingClock())
    let b = try Store.open(at: folder.file("a.sqlite"), actor: bob, clock: steppingClock())
    try a.perform { step in
      try step.putSettings(school, summary: "school settings")
      try step.add(try amira(), today: today)
    }
    for n in 1...4 {
      let id = AggregateID("pgen\(n)")
      try (n % 2 == 0 ? a : b).perform { step in
        try step.add(
          Pupil(
            id: id, legalName: PersonName(given: "Zoë \(n)", family: "O’Brien-Ng"),
            dateOfBirth: d("2016-0\(n)-1\(n)"), upn: nil), today: today)
        try step.edit(
          id, .startSENSupport(on: d("2026-09-0\(n)"), needs: [.SPLD], parentsInformed: nil),
          today: today)
        try step.edit(id, .startCycle(on: d("2026-09-0\(n)"), carryForward: false), today: today)
      }
      try a.edit(
        id, .addOutcome(Outcome(area: .semh, text: "Goal \(n) — \"quoted\" \\ back\nslash\ttab")),
        today: today)
    }
    try a.edit(AggregateID("pgen1"), .setPupilVoice("First voice"), today: today)
    try a.edit(AggregateID("pgen1"), .setPupilVoice("Second voice"), today: today)
    _ = try a.undo()
    _ = try a.redo()
    _ = try a.undo()
    try b.edit(AggregateID("pgen3"), .setParentViews("Bob's view"), today: today)
    try a.perform { try $0.editSettings(.setParentMeetingsPerYear(4), today: today) }
    try a.setPreference("caseload", "{\"sort\":\"due\"}")
    let draft = MeetingDraft(
      pupil: try #require(try a.pupil(AggregateID("pgen2"))).value, date: today, settings: school)
    try a.saveMeetingDraft(draft)
    return a
  }

  @Test func theRestoredStoreIsTheSameHistoryIncluded() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = try original.backupData(exportedAt: exportedAt)
    let restored = try Store.open(at: folder.file("b.sqlite"), actor: alice, clock: steppingClock())
    let counts = try Export.restore(backup, into: restored, source: "backup.json")
    #expect(counts.pupils == 5)
    #expect(counts.events == (try original.eventCount()))
    #expect(counts.preferences == 2)
    // The state tables, and the records, steps, events and preferences byte for byte.
    #expect(try restored.stateDump() == (try original.stateDump()))
    #expect(try restored.backupData(exportedAt: exportedAt) == backup)
    #expect(
      try restored.history(limit: 1_000) == (try original.history(limit: 1_000)))
    #expect(try restored.meetingDraft(for: AggregateID("pgen2")) != nil)
    #expect(try restored.preference("caseload") == "{\"sort\":\"due\"}")

    // Undo carries on where it left off, the same on both: alice's last step, then the one before.
    for _ in 0..<2 {
      let one = try original.undo()
      let two = try restored.undo()
      #expect(one == two)
      #expect(try restored.stateDump() == (try original.stateDump()))
    }
    #expect(try original.redo() == (try restored.redo()))
    #expect(try restored.stateDump() == (try original.stateDump()))
    // Bob's undo too.
    let bobsOriginal = try Store.open(
      at: folder.file("a.sqlite"), actor: bob, clock: steppingClock())
    let bobsRestored = try Store.open(
      at: folder.file("b.sqlite"), actor: bob, clock: steppingClock())
    #expect(try bobsOriginal.undo() == (try bobsRestored.undo()))
    #expect(try restored.stateDump() == (try original.stateDump()))
  }

  @Test func aStoreThatHoldsAnythingIsRefusedAndLeftAsItWas() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = try original.backupData(exportedAt: exportedAt)
    let target = try Store.open(at: folder.file("b.sqlite"), actor: alice, clock: steppingClock())
    try target.edit(
      AggregateID("pother"),
      .create(
        Pupil(
          id: AggregateID("pother"), legalName: PersonName(given: "Other", family: "Pupil"),
          dateOfBirth: d("2015-01-01"))), today: today)
    let before = try target.backupData(exportedAt: exportedAt)
    do {
      try Export.restore(backup, into: target, source: "backup.json")
      Issue.record("restored into a store that was not empty")
    } catch let error as StoreError {
      #expect(error.kind == .rejected)
      #expect(error.message.contains("is not empty (1 pupil, 1 change in its history)"))
    }
    #expect(try target.backupData(exportedAt: exportedAt) == before)
  }

  @Test func aDamagedOrAlteredBackupIsRefusedAndNothingIsWritten() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = try original.backupData(exportedAt: exportedAt)
    let text = String(decoding: backup, as: UTF8.self)
    let cut = Data(backup.prefix(backup.count / 2))
    // The record as it is now says something its history never did.
    let first = try #require(text.range(of: "\"First voice\""))
    let altered = Data(text.replacingCharacters(in: first, with: "\"Other voice\"").utf8)
    let noHistory = Data(
      text.replacingOccurrences(of: "\"events\":[", with: "\"evnts\":[").utf8)
    #expect(altered != backup)
    for (data, expected) in [
      (cut, "is not a whole Caseload backup"), (altered, "does not hang together"),
      (noHistory, "the list of events is missing"),
      (Data("[1,2]".utf8), "is not a Caseload backup"),
      (Data("{\"format\":\"caseload-backup\",\"version\":99}".utf8), "newer version of Caseload"),
    ] {
      let target = try Store.open(
        at: folder.file("t\(expected.count).sqlite"), actor: alice, clock: steppingClock())
      do {
        try Export.restore(data, into: target, source: "backup.json")
        Issue.record("restored a backup that \(expected)")
      } catch let error as StoreError {
        #expect(error.message.contains(expected), "\(error.message)")
      }
      let held = try target.contents()
      #expect(held.records == 0 && held.events == 0 && held.steps == 0)
    }
  }

  @Test func theBackupIsJSONWithTheDocumentsAsTheyAreStored() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = try original.backupData(exportedAt: exportedAt)
    let json = try #require(try JSONSerialization.jsonObject(with: backup) as? [String: Any])
    #expect(json["format"] as? String == "caseload-backup")
    #expect(json["version"] as? Int == 2)
    #expect(json["exported"] as? String == "2027-01-15T08:00:00Z")
    let aggregates = try #require(json["aggregates"] as? [[String: Any]])
    #expect(
      aggregates.map { $0["id"] as? String } == [
        "pamira", "pgen1", "pgen2", "pgen3", "pgen4", "settings",
      ])
    let amira = try #require(aggregates.first?["document"] as? [String: Any])
    #expect((amira["legalName"] as? [String: Any])?["family"] as? String == "Shah")
    let events = try #require(json["events"] as? [[String: Any]])
    #expect(events.count == (try original.eventCount()))
    let created = try #require((events.first?["changes"] as? [[String: Any]])?.first)
    #expect(created["path"] as? [Any] != nil && (created["path"] as? [Any])?.isEmpty == true)
    #expect(created["before"] == nil, "the first event creates its record")
    #expect(created["after"] is [String: Any])
    #expect(
      try #require(json["steps"] as? [[String: Any]]).contains { $0["kind"] as? String == "undo" })
  }

  /// A backup another tool pretty-printed (and re-escaped) restores as the same store, and that store backs up
  /// again: reader and writer agree.
  @Test func aPrettyPrintedBackupRestoresAndBacksUpAgain() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = try original.backupData(exportedAt: exportedAt)
    let pretty = try JSONSerialization.data(
      withJSONObject: try JSONSerialization.jsonObject(with: backup), options: [.prettyPrinted])
    #expect(pretty != backup)
    let restored = try Store.open(at: folder.file("b.sqlite"), actor: alice, clock: steppingClock())
    try Export.restore(pretty, into: restored, source: "pretty.json")
    #expect(try restored.stateDump() == (try original.stateDump()))
    #expect(try restored.backupData(exportedAt: exportedAt) == backup)
    _ = try restored.undo()
  }

  /// Backups written before the history kept changes (each event with the record before and after) restore into
  /// the same store.
  @Test func aVersionOneBackupRestores() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = try original.backupData(exportedAt: exportedAt)
    var json = try #require(try JSONSerialization.jsonObject(with: backup) as? [String: Any])
    json["version"] = 1
    var records: [String: [UInt8]] = [:]
    json["events"] = try #require(json["events"] as? [[String: Any]]).map { event in
      var e = event
      let id = try #require(e["aggregate"] as? String)
      let list = e.removeValue(forKey: "changes")
      let changes = try JSONSerialization.data(withJSONObject: try #require(list))
      let before = records[id] ?? []
      let after = try DocumentDelta(json: try Canonical.canonical([UInt8](changes))).apply(
        to: before)
      records[id] = after
      e["before"] = before.isEmpty ? NSNull() : try JSONSerialization.jsonObject(with: Data(before))
      e["after"] = after.isEmpty ? NSNull() : try JSONSerialization.jsonObject(with: Data(after))
      return e
    }
    let v1 = try JSONSerialization.data(withJSONObject: json)
    let restored = try Store.open(at: folder.file("b.sqlite"), actor: alice, clock: steppingClock())
    try Export.restore(v1, into: restored, source: "old.json")
    #expect(try restored.stateDump() == (try original.stateDump()))
    #expect(try restored.backupData(exportedAt: exportedAt) == backup)
  }
}
