import CaseloadCore
import Foundation
import GRDB

/// A leaver whose records the school's retention period no longer allows it to keep.
public struct RetentionDue: Sendable, Hashable {
  public var pupil: PupilSummary
  /// The day the retention period ended: date of birth plus the settings' years.
  public var keptUntil: Day
}

/// One line of the erasure log: what went, under which rule, when and by whom; never who it was about.
public struct ErasureLogLine: Sendable, Hashable {
  /// UTC, ISO 8601.
  public var at: String
  public var user: String
  public var actor: String
  public var rule: String
  public var records: Int
  public var events: Int
  public var steps: Int

  public var localTime: String { Timestamp.local(at) }
}

/// Why records are being erased, as the erasure log words it.
public enum ErasureRule: Sendable, Hashable {
  /// The records policy's period has ended for these leavers.
  case retention(years: Int)
  /// The SENCo is removing a record that should never have been made (the wrong child, a duplicate).
  case enteredInError

  var text: String {
    switch self {
    case .retention(let years):
      "retention: \(years) years from date of birth, for pupils who have left"
    case .enteredInError: "a record entered in error, erased by the SENCo"
    }
  }
}

extension Store {
  /// Leavers whose retention period (date of birth plus `years`) ended on or before `today`, oldest first.
  public func retentionDue(today: Day, years: Int) throws -> [RetentionDue] {
    try summaries(includeLeavers: true).compactMap { s in
      guard s.left != nil else { return nil }
      let until = s.dateOfBirth.adding(years: years)
      return until <= today ? RetentionDue(pupil: s, keptUntil: until) : nil
    }.sorted { $0.keptUntil < $1.keptUntil }
  }

  /// Erases everything the store holds about these pupils: their records, summaries and deadlines, every event
  /// of their history and the steps left empty, their access log, and the drafts and preferences that name them.
  /// One line goes into the erasure log. Afterwards the file is rewritten (VACUUM) and its write-ahead log
  /// emptied, so their bytes are gone from the disk files, not only from the tables.
  @discardableResult
  public func erase(_ ids: [AggregateID], rule: ErasureRule) throws -> ErasureLogLine {
    let line = try write { db -> ErasureLogLine in
      var names: [String] = []
      for id in ids {
        guard let row = try aggregateRow(db, id), row.kind == AggregateKind.pupil.rawValue else {
          throw StoreError(.notFound, "There is no pupil \(id) in the store.")
        }
        if let data = row.document {
          let p = try Documents.decode(Pupil.self, from: data, id: id.rawValue)
          names +=
            [p.displayName, p.legalName.full, p.legalName.family] + (p.upn.map { [$0] } ?? [])
        }
        try db.execute(
          sql: "INSERT INTO erasing (aggregate_id) VALUES (?)", arguments: [id.rawValue])
      }
      let steps = try Int64.fetchAll(
        db,
        sql:
          "SELECT DISTINCT step FROM event WHERE aggregate_id IN (SELECT aggregate_id FROM erasing)"
      )
      let events =
        try Int.fetchOne(
          db,
          sql: "SELECT count(*) FROM event WHERE aggregate_id IN (SELECT aggregate_id FROM erasing)"
        )
        ?? 0
      try db.execute(
        sql: """
          DELETE FROM event WHERE aggregate_id IN (SELECT aggregate_id FROM erasing);
          DELETE FROM deadline WHERE pupil_id IN (SELECT aggregate_id FROM erasing);
          DELETE FROM parent_meeting WHERE pupil_id IN (SELECT aggregate_id FROM erasing);
          DELETE FROM pupil_summary WHERE id IN (SELECT aggregate_id FROM erasing);
          DELETE FROM aggregate WHERE id IN (SELECT aggregate_id FROM erasing);
          DELETE FROM access_log WHERE pupil_id IN (SELECT aggregate_id FROM erasing);
          """)
      var emptied = 0
      for step in steps {
        let left =
          try Int.fetchOne(db, sql: "SELECT count(*) FROM event WHERE step = ?", arguments: [step])
          ?? 0
        guard left == 0 else { continue }
        try db.execute(sql: "DELETE FROM step WHERE id = ?", arguments: [step])
        emptied += 1
      }
      // Their paused meetings, by key; and any user's screen preferences (a search typed, a filter) that name
      // them. Another pupil's paused meeting is that pupil's work and stays, as their records do.
      for id in ids {
        try db.execute(
          sql: "DELETE FROM preference WHERE key = ?", arguments: [Self.draftKey(id)])
      }
      let words = names.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) }
      let needles = ids.map { "\"\($0.rawValue)\"" } + names + words.map(String.init)
      for needle in Set(needles) where needle.count >= 3 {
        try db.execute(
          sql: """
            DELETE FROM preference WHERE key NOT LIKE 'meeting-draft:%' AND instr(lower(value), lower(?)) > 0
            """, arguments: [needle])
      }
      try db.execute(sql: "DELETE FROM erasing")
      let line = ErasureLogLine(
        at: Timestamp.string(clock()), user: actor.user, actor: actor.description, rule: rule.text,
        records: ids.count, events: events, steps: emptied)
      try db.execute(
        sql: """
          INSERT INTO erasure_log (at, user, actor, rule, records, events, steps) VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          line.at, line.user, line.actor, line.rule, line.records, line.events, line.steps,
        ])
      return line
    }
    for id in ids { pupils.forget(id) }
    do {
      try compact()
    } catch {
      throw StoreError(
        .locked,
        "The records were erased, but the file could not be rewritten while another session has the store open, so their bytes may stay in its free space until it is. Close the other sessions and run `caseload retention`, which rewrites the file."
      )
    }
    return line
  }

  /// Rewrites the file (see `compact`): `caseload retention` does it even when no one is due, to finish an
  /// erasure that another session kept from being compacted.
  public func compactFile() throws { try compact() }

  /// Rewrites the file without free pages and empties the write-ahead log, so erased bytes leave the disk files.
  func compact() throws {
    do {
      let busy = try queue.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM")
        // The checkpoint answers rather than fails when a reader holds the log: its first column says so.
        return try Int.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") ?? 0
      }
      if busy != 0 { throw StoreError(.locked, "Another session is reading the store.") }
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  /// The erasure log, newest first.
  public func erasureLog() throws -> [ErasureLogLine] {
    try read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT at, user, actor, rule, records, events, steps FROM erasure_log ORDER BY id DESC"
      ).map {
        ErasureLogLine(
          at: (try $0.decode(atIndex: 0)), user: (try $0.decode(atIndex: 1)),
          actor: (try $0.decode(atIndex: 2)), rule: (try $0.decode(atIndex: 3)),
          records: (try $0.decode(atIndex: 4)), events: (try $0.decode(atIndex: 5)),
          steps: (try $0.decode(atIndex: 6)))
      }
    }
  }
}

/// One line of the access log: who looked at a pupil's record in an hour, and what they saw.
public struct AccessLogLine: Sendable, Hashable, Encodable {
  /// The hour, UTC: `2026-11-29T18`.
  public var hour: String
  public var user: String
  public var actor: String
  /// What was seen: "overview", "plan", "timeline", "export plan", … in the order first seen.
  public var what: [String]

  /// `29/11/2026 18:00` in local time.
  public var localHour: String { Timestamp.local(hour + ":00:00Z") }
}

extension Store {
  /// Notes that this user looked at the pupil's record (`what`: "overview", "show", "export pupil", …). At most
  /// one line per user, pupil and hour; a second look in the hour adds what was seen.
  public func recordAccess(_ id: AggregateID, _ what: String) throws {
    let hour = String(Timestamp.string(clock()).prefix(13))
    // A session that opens the same pupil again within the hour has nothing new to say: no durable write on
    // the way to the screen.
    let key = "\(hour) \(id.rawValue) \(what)"
    guard !accessNoted.contains(key) else { return }
    try write { db in
      try db.runCached(
        sql: """
          INSERT INTO access_log (pupil_id, user, hour, actor, what) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (pupil_id, hour, user) DO UPDATE SET what = what || ', ' || excluded.what
          WHERE instr(', ' || what || ', ', ', ' || excluded.what || ', ') = 0
          """,
        arguments: [id.rawValue, actor.user, hour, actor.description, what])
    }
    accessNoted.insert(key)
  }

  /// Who looked at the pupil's record, newest first.
  public func accessLog(for id: AggregateID) throws -> [AccessLogLine] {
    try read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT hour, user, actor, what FROM access_log WHERE pupil_id = ? ORDER BY hour DESC, user",
        arguments: [id.rawValue]
      ).map {
        AccessLogLine(
          hour: (try $0.decode(atIndex: 0)), user: (try $0.decode(atIndex: 1)),
          actor: (try $0.decode(atIndex: 2)),
          what: ((try $0.decode(atIndex: 3)) as String).components(separatedBy: ", "))
      }
    }
  }
}

/// What this process has already written to the access log, so it is written once an hour, not once a look.
final class AccessNoted: @unchecked Sendable {
  private var seen = Set<String>()
  private let lock = NSLock()

  func contains(_ key: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return seen.contains(key)
  }

  func insert(_ key: String) {
    lock.lock()
    defer { lock.unlock() }
    seen.insert(key)
  }
}
