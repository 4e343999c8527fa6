import CaseloadCore
import Foundation
import GRDB

/// A full backup of a store as one JSON file: the settings and every pupil record as stored (with its version),
/// every step and event of the history, and each user's preferences and paused meetings. Restored into an empty
/// store it gives the same store back, history included, so undo carries on where it left off.
///
/// ```
/// {"format":"caseload-backup","version":1,"exported":"2026-11-29T18:30:12Z",
/// "aggregates":[
/// {"id":"pdemo0001","kind":"pupil","version":3,"document":{…}}],
/// "steps":[
/// {"id":1,"kind":"do","reverts":null,"user":"alice","actor":"alice@office (/dev/pts/1)","at":"…","summary":"…","state":"live"}],
/// "events":[
/// {"seq":1,"step":1,"actor":"…","at":"…","aggregate":"pdemo0001","kind":"pupil","summary":"…","reverts":null,
///  "beforeVersion":null,"afterVersion":1,"changes":[{"path":[],"after":{…}}]}],
/// "preferences":[{"user":"alice","key":"caseload","value":"…"}]}
/// ```
///
/// One record to a line. Documents are the stored JSON, byte for byte; each event holds what it changed (see
/// `DocumentDelta`). Version 1 backups, whose events held the record before and after, restore as well.
public enum StoreBackup {
  public static let format = "caseload-backup"
  public static let version: Int64 = 2
}

/// What a restore put into the store.
public struct BackupCounts: Sendable, Hashable {
  public var pupils: Int
  public var steps: Int
  public var events: Int
  public var preferences: Int
}

/// One event of a record's history, with what it changed.
public struct StoredEvent: Sendable, Hashable {
  public var seq: Int64
  public var step: Int64
  public var actor: String
  /// UTC, ISO 8601.
  public var at: String
  public var aggregateID: AggregateID
  public var summary: String
  /// The changed values as JSON: `[{"path":[…],"before":…,"after":…}, …]` (see `DocumentDelta`).
  public var changes: Data
  public var beforeVersion: Int?
  public var afterVersion: Int
  /// The step this event undid or redid.
  public var reverts: Int64?
}

extension Store {
  /// Writes a full backup to `sink`, in chunks, from one consistent snapshot of the store.
  public func writeBackup(exportedAt: Date = Date(), to sink: @escaping (Data) throws -> Void)
    throws
  {
    var out = BackupJSONWriter(sink: sink)
    try read { db in
      out.raw("{\"format\":")
      out.string(StoreBackup.format)
      out.key("version")
      out.int(StoreBackup.version)
      out.key("exported")
      out.string(Timestamp.string(exportedAt))
      out.key("aggregates")
      out.raw("[")
      var first = true
      let aggregates = try Row.fetchCursor(
        db, sql: "SELECT id, kind, version, document FROM aggregate ORDER BY id")
      while let row = try aggregates.next() {
        out.raw(first ? "\n{" : ",\n{")
        first = false
        out.key("id", first: true)
        out.string((try row.decode(String.self, atIndex: 0)))
        out.key("kind")
        out.string((try row.decode(String.self, atIndex: 1)))
        out.key("version")
        out.int((try row.decode(Int64.self, atIndex: 2)))
        out.key("document")
        try row.withUnsafeData(atIndex: 3) { try out.document($0) }
        out.raw("}")
        try out.flushIfFull()
      }
      out.raw("],\n\"steps\":[")
      first = true
      let steps = try Row.fetchCursor(
        db,
        sql: "SELECT id, kind, reverts, user, actor, at, summary, state FROM step ORDER BY id")
      while let row = try steps.next() {
        out.raw(first ? "\n{" : ",\n{")
        first = false
        out.key("id", first: true)
        out.int((try row.decode(Int64.self, atIndex: 0)))
        out.key("kind")
        out.string((try row.decode(String.self, atIndex: 1)))
        out.key("reverts")
        out.int((try row.decode(Int64?.self, atIndex: 2)))
        out.key("user")
        out.string((try row.decode(String.self, atIndex: 3)))
        out.key("actor")
        out.string((try row.decode(String.self, atIndex: 4)))
        out.key("at")
        out.string((try row.decode(String.self, atIndex: 5)))
        out.key("summary")
        out.string((try row.decode(String.self, atIndex: 6)))
        out.key("state")
        out.string((try row.decode(String.self, atIndex: 7)))
        out.raw("}")
        try out.flushIfFull()
      }
      out.raw("],\n\"events\":[")
      first = true
      let events = try Row.fetchCursor(
        db,
        sql: """
          SELECT seq, step, actor, at, aggregate_id, aggregate_kind, summary, reverts, before_version,
            after_version, delta
          FROM event ORDER BY seq
          """)
      while let row = try events.next() {
        out.raw(first ? "\n{" : ",\n{")
        first = false
        out.key("seq", first: true)
        out.int((try row.decode(Int64.self, atIndex: 0)))
        out.key("step")
        out.int((try row.decode(Int64.self, atIndex: 1)))
        out.key("actor")
        out.string((try row.decode(String.self, atIndex: 2)))
        out.key("at")
        out.string((try row.decode(String.self, atIndex: 3)))
        out.key("aggregate")
        out.string((try row.decode(String.self, atIndex: 4)))
        out.key("kind")
        out.string((try row.decode(String.self, atIndex: 5)))
        out.key("summary")
        out.string((try row.decode(String.self, atIndex: 6)))
        out.key("reverts")
        out.int((try row.decode(Int64?.self, atIndex: 7)))
        out.key("beforeVersion")
        out.int((try row.decode(Int64?.self, atIndex: 8)))
        out.key("afterVersion")
        out.int((try row.decode(Int64.self, atIndex: 9)))
        out.key("changes")
        try row.withUnsafeData(atIndex: 10) { try out.changeList($0) }
        out.raw("}")
        try out.flushIfFull()
      }
      out.raw("],\n\"preferences\":[")
      first = true
      for row in try Row.fetchAll(
        db, sql: "SELECT user, key, value FROM preference ORDER BY user, key")
      {
        out.raw(first ? "\n{" : ",\n{")
        first = false
        out.key("user", first: true)
        out.string((try row.decode(String.self, atIndex: 0)))
        out.key("key")
        out.string((try row.decode(String.self, atIndex: 1)))
        out.key("value")
        out.string((try row.decode(String.self, atIndex: 2)))
        out.raw("}")
      }
      out.raw("]}\n")
    }
    try out.flush()
  }

  /// The whole backup as one piece of data (tests, small stores).
  public func backupData(exportedAt: Date = Date()) throws -> Data {
    var data = Data()
    try writeBackup(exportedAt: exportedAt) { data.append($0) }
    return data
  }

  /// How much the store holds: a restore goes only into a store with nothing in it.
  public func contents() throws -> (records: Int, pupils: Int, steps: Int, events: Int) {
    try read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM aggregate") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM pupil_summary") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM step") ?? 0,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
      )
    }
  }

  /// Restores a backup written by `writeBackup` into this store, which must be empty: the same records,
  /// versions, steps, events and preferences, in one transaction. A backup that is not whole or does not hang
  /// together (an event that does not start where the last one on its record ended, a record that is not where
  /// its history leaves it) is refused and nothing is written.
  ///
  /// The file is read as it is restored, so a large store never sits in memory twice over.
  @discardableResult
  public func restoreBackup(_ data: Data, source: String, dryRun: Bool = false) throws
    -> BackupCounts
  {
    try data.withUnsafeBytes { raw in
      try write(rollingBack: dryRun) { db in
        let held = (
          records: try Int.fetchOne(db, sql: "SELECT count(*) FROM aggregate") ?? 0,
          pupils: try Int.fetchOne(db, sql: "SELECT count(*) FROM pupil_summary") ?? 0,
          events: try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0,
          steps: try Int.fetchOne(db, sql: "SELECT count(*) FROM step") ?? 0
        )
        guard held.records == 0, held.events == 0, held.steps == 0 else {
          throw StoreError(
            .rejected,
            "The store \(path) is not empty (\(held.pupils) pupil\(held.pupils == 1 ? "" : "s"), \(held.events) change\(held.events == 1 ? "" : "s") in its history); a backup is restored only into a new, empty store. Name a new file with --store."
          )
        }
        var restorer = try BackupRestorer(db: db, source: source)
        var reader = BackupJSONReader(raw.bindMemory(to: UInt8.self))
        do {
          try restorer.read(&reader)
        } catch let malformed as BackupJSONReader.Malformed {
          throw StoreError(
            .damaged,
            "\(source) is not a whole Caseload backup (at byte \(malformed.offset): \(malformed.reason)); it may have been cut short or changed. Nothing was restored."
          )
        }
        return try restorer.finish()
      }
    }
  }

  /// Every event of one record's history, oldest first, with what each changed.
  public func events(for id: AggregateID) throws -> [StoredEvent] {
    var out: [StoredEvent] = []
    try forEachEvent(of: id) { out.append($0) }
    return out
  }

  /// Calls `body` with each event of one record's history, oldest first, reading one at a time.
  public func forEachEvent(of id: AggregateID, _ body: (StoredEvent) throws -> Void) throws {
    try read { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT seq, step, actor, at, aggregate_id, summary, delta, before_version, after_version, reverts
          FROM event WHERE aggregate_id = ? ORDER BY seq
          """, arguments: [id.rawValue])
      while let row = try rows.next() {
        try body(
          StoredEvent(
            seq: (try row.decode(atIndex: 0)), step: (try row.decode(atIndex: 1)),
            actor: (try row.decode(atIndex: 2)), at: (try row.decode(atIndex: 3)),
            aggregateID: AggregateID((try row.decode(atIndex: 4))),
            summary: (try row.decode(atIndex: 5)), changes: (try row.decode(atIndex: 6)),
            beforeVersion: (try row.decode(atIndex: 7)), afterVersion: (try row.decode(atIndex: 8)),
            reverts: (try row.decode(atIndex: 9))))
      }
    }
  }

  /// Each user's value of a preference (a paused meeting is kept under the user who paused it).
  public func preferenceOfEveryUser(_ key: String) throws -> [(user: String, value: String)] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT user, value FROM preference WHERE key = ? ORDER BY user", arguments: [key]
      ).map { ((try $0.decode(atIndex: 0)), (try $0.decode(atIndex: 1))) }
    }
  }

  /// The preference key under which a user's paused review meeting for the pupil is kept.
  public static func meetingDraftKey(for id: AggregateID) -> String { draftKey(id) }
}

/// Writes a backup into an empty store as it reads it, checking as it goes that it hangs together as a store
/// does; any problem throws, and the caller's transaction then writes nothing.
struct BackupRestorer {
  let db: Database
  let source: String
  let insertStep: Statement
  let insertEvent: Statement
  let insertPreference: Statement
  var format: String?
  var version: Int64?
  var seen = Set<String>()
  var aggregates: [(id: AggregateID, kind: AggregateKind, version: Int64, document: Data?)] = []
  var stepIDs = Set<Int64>()
  var lastStep: Int64 = 0
  var lastSeq: Int64 = 0
  var events = 0
  var preferences = 0
  /// Each record as its history has left it so far.
  var last: [AggregateID: (document: [UInt8], version: Int64, kind: AggregateKind)] = [:]

  init(db: Database, source: String) throws {
    self.db = db
    self.source = source
    insertStep = try db.makeStatement(
      sql:
        "INSERT INTO step (id, kind, reverts, user, actor, at, summary, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    insertEvent = try db.makeStatement(
      sql: """
        INSERT INTO event (seq, step, actor, at, aggregate_id, aggregate_kind, summary, delta, after_hash,
          before_version, after_version, reverts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertPreference = try db.makeStatement(
      sql: "INSERT OR REPLACE INTO preference (user, key, value) VALUES (?, ?, ?)")
  }

  /// Step and event numbers and versions stay far below the largest integer, so later ones never overflow.
  static let largestID: Int64 = 1 << 40

  /// A decoding error in a sentence: which field, and why.
  static func reason(_ error: any Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    switch e {
    case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
      let path = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(
        separator: ".")
      return path.isEmpty ? c.debugDescription : "\(path): \(c.debugDescription)"
    case .keyNotFound(let key, let c):
      let path = (c.codingPath + [key]).map { $0.intValue.map(String.init) ?? $0.stringValue }
      return "\(path.joined(separator: ".")) is missing"
    @unknown default: return "\(error)"
    }
  }

  func notABackup() -> StoreError {
    StoreError(
      .damaged,
      "\(source) is not a Caseload backup (made by `caseload export all`); nothing was restored.")
  }

  func missing(_ field: String) -> StoreError {
    StoreError(
      .damaged,
      "\(source) is not a whole Caseload backup: \(field) is missing. Nothing was restored.")
  }

  func broken(_ what: String) -> StoreError {
    StoreError(
      .damaged,
      "The backup \(source) does not hang together (\(what)); it may have been changed by hand. Nothing was restored."
    )
  }

  func kind(_ s: String) throws -> AggregateKind {
    guard let k = AggregateKind(rawValue: s) else {
      throw StoreError(
        .damaged,
        "\(source) holds a record of a kind Caseload does not know (\(s)); it was not restored.")
    }
    return k
  }

  /// Reads the whole backup: the format and version first, then the lists, steps before events, wherever each
  /// stands in the file (the order of an object's keys means nothing in JSON, and other tools change it).
  mutating func read(_ reader: inout BackupJSONReader) throws {
    guard reader.peek() == UInt8(ascii: "{") else { throw notABackup() }
    var positions: [String: Int] = [:]
    try reader.object { r, key in
      guard positions[key] == nil else { throw r.fail("the key \(key) appears twice") }
      r.skipSpace()
      positions[key] = r.i
      try r.skipValue()
    }
    try reader.end()
    seen = Set(positions.keys)
    guard let formatAt = positions["format"] else { throw notABackup() }
    reader.i = formatAt
    format = try reader.optionalString()
    guard format == StoreBackup.format else { throw notABackup() }
    guard let versionAt = positions["version"] else { throw missing("the format version") }
    reader.i = versionAt
    version = try reader.optionalInt()
    guard let version else { throw missing("the format version") }
    guard version <= StoreBackup.version else {
      throw StoreError(
        .newerVersion,
        "\(source) was written by a newer version of Caseload (backup format \(version)); update Caseload to restore it."
      )
    }
    for field in ["aggregates", "steps", "events"] where positions[field] == nil {
      throw missing("the list of \(field)")
    }
    for key in ["steps", "events", "aggregates", "preferences"] {
      guard let at = positions[key] else { continue }
      reader.i = at
      switch key {
      case "aggregates": try reader.array { try readAggregate(&$0) }
      case "steps": try reader.array { try readStep(&$0) }
      case "events": try reader.array { try readEvent(&$0) }
      default: try reader.array { try readPreference(&$0) }
      }
    }
  }

  mutating func readAggregate(_ r: inout BackupJSONReader) throws {
    var id: String?
    var k: String?
    var v: Int64?
    var document: Data?
    try r.object { r, key in
      switch key {
      case "id": id = try r.string()
      case "kind": k = try r.string()
      case "version": v = try r.int()
      case "document": document = try r.document()
      default: try r.skipValue()
      }
    }
    guard let id, let k, let v else { throw missing("a record's id, kind or version") }
    aggregates.append((AggregateID(id), try kind(k), v, document))
  }

  mutating func readStep(_ r: inout BackupJSONReader) throws {
    var id: Int64?
    var kind: String?
    var reverts: Int64?
    var user: String?
    var actor: String?
    var at: String?
    var summary: String?
    var state: String?
    try r.object { r, key in
      switch key {
      case "id": id = try r.int()
      case "kind": kind = try r.string()
      case "reverts": reverts = try r.optionalInt()
      case "user": user = try r.string()
      case "actor": actor = try r.string()
      case "at": at = try r.string()
      case "summary": summary = try r.string()
      case "state": state = try r.string()
      default: try r.skipValue()
      }
    }
    guard let id, let kind, let user, let actor, let at, let summary, let state else {
      throw missing("a field of a step")
    }
    guard id > lastStep, id <= Self.largestID else {
      throw broken("step \(id) is out of order or out of range")
    }
    if let reverts, !stepIDs.contains(reverts) {
      throw broken("step \(id) reverts step \(reverts), which comes later or is missing")
    }
    lastStep = id
    stepIDs.insert(id)
    try insertStep.execute(arguments: [id, kind, reverts, user, actor, at, summary, state])
  }

  mutating func readEvent(_ r: inout BackupJSONReader) throws {
    var seq: Int64?
    var step: Int64?
    var actor: String?
    var at: String?
    var aggregate: String?
    var k: String?
    var summary: String?
    var reverts: Int64?
    var beforeVersion: Int64?
    var afterVersion: Int64?
    var before: Data?
    var after: Data?
    var changes: [UInt8]?
    try r.object { r, key in
      switch key {
      case "seq": seq = try r.int()
      case "step": step = try r.int()
      case "actor": actor = try r.string()
      case "at": at = try r.string()
      case "aggregate": aggregate = try r.string()
      case "kind": k = try r.string()
      case "summary": summary = try r.string()
      case "reverts": reverts = try r.optionalInt()
      case "beforeVersion": beforeVersion = try r.optionalInt()
      case "afterVersion": afterVersion = try r.int()
      case "before": before = try r.document()
      case "after": after = try r.document()
      case "changes": changes = try r.canonicalValue()
      default: try r.skipValue()
      }
    }
    guard let seq, let step, let actor, let at, let aggregate, let k, let summary,
      let afterVersion
    else { throw missing("a field of an event") }
    let id = AggregateID(aggregate)
    let kind = try kind(k)
    guard seq > lastSeq, seq <= Self.largestID, afterVersion <= Self.largestID else {
      throw broken("event \(seq) is out of order or out of range")
    }
    lastSeq = seq
    guard stepIDs.contains(step) else { throw broken("event \(seq) belongs to no step") }
    let previous = last[id]
    let was = previous?.document ?? []
    guard beforeVersion == previous?.version, afterVersion == (previous?.version ?? 0) + 1 else {
      throw broken("event \(seq) on \(id) does not start where the one before ended")
    }
    if let previous, previous.kind != kind {
      throw broken("event \(seq) changes the kind of \(id)")
    }
    // Version 2 keeps what changed; version 1 kept the record before and after.
    let delta: DocumentDelta
    let now: [UInt8]
    if let changes {
      do {
        delta = try DocumentDelta(json: changes)
        now = try delta.apply(to: was)
      } catch {
        throw broken("event \(seq) on \(id) does not start where the one before ended")
      }
    } else {
      guard (before.map { [UInt8]($0) } ?? []) == was else {
        throw broken("event \(seq) on \(id) does not start where the one before ended")
      }
      now = after.map { [UInt8]($0) } ?? []
      delta = try HistoryDelta.make(was, now)
    }
    last[id] = (now, afterVersion, kind)
    events += 1
    try insertEvent.execute(arguments: [
      seq, step, actor, at, id.rawValue, kind.rawValue, summary, Data(delta.json),
      DocumentHash.of(now), beforeVersion, afterVersion, reverts,
    ])
  }

  mutating func readPreference(_ r: inout BackupJSONReader) throws {
    var user: String?
    var key: String?
    var value: String?
    try r.object { r, k in
      switch k {
      case "user": user = try r.string()
      case "key": key = try r.string()
      case "value": value = try r.string()
      default: try r.skipValue()
      }
    }
    guard let user, let key, let value else { throw missing("a field of a preference") }
    preferences += 1
    try insertPreference.execute(arguments: [user, key, value])
  }

  /// Checks every record against its history and writes the records and their summaries.
  func finish() throws -> BackupCounts {
    guard aggregates.count == last.count else {
      throw broken("\(aggregates.count) records but a history of \(last.count)")
    }
    var pupils = 0
    for a in aggregates {
      guard let history = last[a.id], history.document == (a.document.map { [UInt8]($0) } ?? []),
        history.version == a.version, history.kind == a.kind
      else {
        throw broken("the record \(a.id) is not as its history leaves it")
      }
      // Earlier versions were readable when they were saved and are checked to chain; the current ones pass the
      // checks an edit would, so nothing restored holds a value no edit could make.
      var pupil: Pupil?
      if let document = a.document {
        var problems: [String] = []
        var name = "\(a.id)"
        do {
          switch a.kind {
          case .pupil:
            let p = try RecordCheck.strictDecoder().decode(Pupil.self, from: document)
            name = "\(p.displayName) (\(a.id))"
            problems = RecordCheck.problems(in: p)
            pupil = p
            pupils += 1
          case .settings:
            let settings = try RecordCheck.strictDecoder().decode(
              SchoolSettings.self, from: document)
            name = "the school settings"
            problems = RecordCheck.problems(in: settings)
          }
        } catch {
          throw StoreError(
            .damaged,
            "The backup \(source) holds a record \(a.id) that cannot be read (\(Self.reason(error))); nothing was restored."
          )
        }
        if let first = problems.first {
          throw StoreError(
            .damaged,
            "The backup \(source) holds a record for \(name) whose \(first.hasPrefix("the ") ? String(first.dropFirst(4)) : first) — no edit could make that; nothing was restored."
          )
        }
      }
      do {
        try Projection.put(
          db, id: a.id, kind: a.kind, version: Int(a.version), document: a.document, pupil: pupil)
      } catch let clash as Projection.UPNClash {
        throw StoreError(
          .damaged,
          "The backup \(source) gives the UPN \(clash.upn) to two pupils; it was not restored.")
      }
    }
    return BackupCounts(
      pupils: pupils, steps: stepIDs.count, events: events, preferences: preferences)
  }
}
