import CaseloadCore
import Foundation
import GRDB

/// A record as loaded, with the version a later save expects to find.
public struct Loaded<Value: Sendable>: Sendable {
  public var value: Value
  public var version: Int
  public init(value: Value, version: Int) {
    self.value = value
    self.version = version
  }
}

/// The result of a step: what the history will say, and warnings the person should see.
public struct StepRecord: Sendable, Hashable {
  public var id: Int64
  public var summary: String
  public var warnings: [String]
}

/// Collects the changes of one user action inside a write transaction; they become one undo step.
public final class StepWriter {
  let db: Database
  let store: Store
  private var order: [AggregateID] = []
  private var pending: [AggregateID: Pending] = [:]
  public internal(set) var warnings: [String] = []

  struct Pending {
    var kind: AggregateKind
    var before: Data?
    var beforeVersion: Int?
    var after: Data?
    var summaries: [String]
    var pupil: Pupil?
    /// The changes from `before` to `after` when the caller knows them (undo: the step's own, reversed).
    var delta: DocumentDelta? = nil
  }

  init(db: Database, store: Store) {
    self.db = db
    self.store = store
  }

  /// Applies `edit` to the pupil as it is now. With `expectedVersion`, the pupil must not have been saved by anyone
  /// since that version was loaded: otherwise the save is refused as a conflict.
  @discardableResult
  public func edit(_ id: AggregateID, _ edit: PupilEdit, today: Day, expectedVersion: Int? = nil)
    throws -> Pupil
  {
    let current = try currentPupil(id, expectedVersion: expectedVersion)
    guard current != nil || { if case .create = edit { return true } else { return false } }()
    else {
      throw StoreError(
        .notFound,
        "There is no pupil \(id) in the store; they may have been removed in another session.")
    }
    let after = try edit.apply(to: current, today: today)
    warnings += edit.warnings(for: current ?? after)
    try stage(id, kind: .pupil, pupil: after, summary: edit.summary(before: current, after: after))
    return after
  }

  /// Adds a new pupil.
  @discardableResult
  public func add(_ pupil: Pupil, today: Day) throws -> Pupil {
    try edit(pupil.id, .create(pupil), today: today)
  }

  /// Changes the school settings (created with defaults for `today` on first use). With `expectedVersion`, the
  /// settings must not have been saved by anyone since that version was loaded (0: never saved): otherwise the
  /// save is refused as a conflict. Several edits in one step build on each other.
  @discardableResult
  public func editSettings(_ edit: SettingsEdit, today: Day, expectedVersion: Int? = nil) throws
    -> SchoolSettings
  {
    let current = try currentSettings(today: today, expectedVersion: expectedVersion)
    let after = try edit.apply(to: current)
    try stage(
      .settings, kind: .settings, document: try Documents.encode(after), summary: edit.summary)
    return after
  }

  /// Pupils in the store as this step sees it.
  public func pupilCount() throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM pupil_summary") ?? 0
  }

  /// Replaces the whole settings record (import, demo).
  public func putSettings(_ settings: SchoolSettings, summary: String) throws {
    try stage(
      .settings, kind: .settings, document: try Documents.encode(settings), summary: summary)
  }

  /// The settings as this step has them: as staged by an earlier edit of the step, else as stored.
  private func currentSettings(today: Day, expectedVersion: Int?) throws -> SchoolSettings {
    if let staged = pending[.settings], let data = staged.after {
      return try Documents.decode(SchoolSettings.self, from: data, id: "settings")
    }
    let loaded = try store.loadSettings(db, today: today)
    if let expectedVersion, expectedVersion != loaded.version {
      throw try store.conflict(db, id: .settings, name: "The school settings record")
    }
    return loaded.value
  }

  /// The pupil as this step has left them so far (or as stored).
  public func pupil(_ id: AggregateID) throws -> Pupil? {
    try currentPupil(id, expectedVersion: nil)
  }

  private func currentPupil(_ id: AggregateID, expectedVersion: Int?) throws -> Pupil? {
    if let p = pending[id] { return p.pupil }
    let row = try store.aggregateRow(db, id)
    if let expectedVersion, expectedVersion != (row?.version ?? 0) {
      throw try store.conflict(db, id: id, name: nil)
    }
    guard let row, let data = row.document else { return nil }
    if let known = row.pupil { return known }
    let pupil = try Documents.decode(Pupil.self, from: data, id: id.rawValue)
    loaded[id] = PupilCache.Entry(version: row.version, pupil: pupil, bytes: [UInt8](data))
    return pupil
  }

  /// Pupils this step decoded, for the store's cache once the step is saved.
  private var loaded: [AggregateID: PupilCache.Entry] = [:]

  func stage(_ id: AggregateID, kind: AggregateKind, pupil: Pupil, summary: String) throws {
    try stage(id, kind: kind, document: Data(try store.pupils.encode(pupil)), summary: summary)
    pending[id]?.pupil = pupil
  }

  /// Stages a record whose changes are known: `pupil` is its document decoded, when the caller has it.
  func stage(
    _ id: AggregateID, kind: AggregateKind, document: Data?, pupil: Pupil?, delta: DocumentDelta,
    summary: String
  ) throws {
    let fresh = pending[id] == nil
    try stage(id, kind: kind, document: document, summary: summary)
    pending[id]?.pupil = pupil
    if fresh { pending[id]?.delta = delta }
  }

  /// Records the record's new document (nil removes it), remembering how it was before the step began.
  func stage(_ id: AggregateID, kind: AggregateKind, document: Data?, summary: String) throws {
    var entry: Pending
    if let staged = pending[id] {
      entry = staged
    } else {
      let row = try store.aggregateRow(db, id)
      entry = Pending(
        kind: kind, before: row?.document, beforeVersion: row?.version, after: nil, summaries: [])
      order.append(id)
    }
    entry.after = document
    // The decoded pupil and known changes go with the document they were given for.
    entry.pupil = nil
    entry.delta = nil
    entry.summaries.append(summary)
    pending[id] = entry
  }

  /// Writes the step: state rows, summary tables and history, in the caller's transaction.
  func commit(summary explicit: String?, kind: String = "do", reverts: Int64? = nil) throws
    -> StepRecord?
  {
    let changed = order.compactMap { id -> (AggregateID, Pending)? in
      guard let p = pending[id], p.before != p.after else { return nil }
      return (id, p)
    }
    guard !changed.isEmpty else { return nil }
    let summary = explicit ?? changed.flatMap(\.1.summaries).joined(separator: "; ")
    let at = Timestamp.string(store.clock())
    let actor = store.actor
    try db.runCached(
      sql:
        "INSERT INTO step (kind, reverts, user, actor, at, summary, state) VALUES (?, ?, ?, ?, ?, ?, 'live')",
      arguments: [kind, reverts, actor.user, actor.description, at, summary])
    let stepID = db.lastInsertedRowID
    for (id, p) in changed {
      let version = (p.beforeVersion ?? 0) + 1
      let after = p.after.map { [UInt8]($0) } ?? []
      let delta = try p.delta ?? HistoryDelta.make(p.before.map { [UInt8]($0) } ?? [], after)
      try db.runCached(
        sql: """
          INSERT INTO event (step, actor, at, aggregate_id, aggregate_kind, summary, delta, after_hash,
            before_version, after_version, reverts)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          stepID, actor.description, at, id.rawValue, p.kind.rawValue,
          p.summaries.joined(separator: "; "), Data(delta.json), DocumentHash.of(after),
          p.beforeVersion, version, reverts,
        ])
      do {
        try Projection.put(
          db, id: id, kind: p.kind, version: version, document: p.after, pupil: p.pupil)
      } catch let clash as Projection.UPNClash {
        guard kind == "do" else {
          throw StoreError(
            .undoRefused,
            "Cannot \(kind) “\(summary.drop { $0 != " " }.dropFirst())”: it would give the UPN \(clash.upn) to two pupils, and \(clash.holder) has it now."
          )
        }
        throw EditError("The UPN \(clash.upn) already belongs to \(clash.holder).")
      }
    }
    if kind == "do" {
      try db.runCached(
        sql:
          "UPDATE step SET state = 'dropped' WHERE user = ? AND kind = 'undo' AND state = 'live'",
        arguments: [actor.user])
    }
    for (id, p) in changed {
      if let pupil = p.pupil, let after = p.after {
        saved[id] = PupilCache.Entry(
          version: (p.beforeVersion ?? 0) + 1, pupil: pupil, bytes: [UInt8](after))
      } else {
        saved[id] = nil
        forgotten.insert(id)
      }
    }
    return StepRecord(id: stepID, summary: summary, warnings: warnings)
  }

  private var saved: [AggregateID: PupilCache.Entry] = [:]
  private var forgotten = Set<AggregateID>()

  /// After the transaction has committed: what this step read and wrote goes into the store's cache.
  func publish() {
    for id in forgotten { store.pupils.forget(id) }
    for (id, entry) in loaded where saved[id] == nil && !forgotten.contains(id) {
      store.pupils.put(id, entry)
    }
    for (id, entry) in saved { store.pupils.put(id, entry) }
  }
}

extension Store {
  /// Runs `body` as one user action: everything it changes is saved together, as one undo step, or not at all.
  @discardableResult
  public func perform<T>(summary: String? = nil, _ body: (StepWriter) throws -> T) throws -> (
    T, StepRecord?
  ) {
    let (value, record, writer) = try write { db in
      let writer = StepWriter(db: db, store: self)
      let value = try body(writer)
      return (value, try writer.commit(summary: summary), writer)
    }
    writer.publish()
    return (value, record)
  }

  /// Applies one edit to one pupil as its own step.
  @discardableResult
  public func edit(_ id: AggregateID, _ edit: PupilEdit, today: Day, expectedVersion: Int? = nil)
    throws
    -> StepRecord?
  {
    try perform { try $0.edit(id, edit, today: today, expectedVersion: expectedVersion) }.1
  }

  struct AggregateRow {
    var kind: String
    var version: Int
    var document: Data?
    /// The pupil decoded, when this process already had this version of them.
    var pupil: Pupil?
  }

  /// The record as stored: a pupil this process has at the stored version comes from the cache, without reading
  /// or decoding their document.
  func aggregateRow(_ db: Database, _ id: AggregateID) throws -> AggregateRow? {
    guard
      let head = try Row.fetchOne(
        db.cachedStatement(
          sql: "SELECT kind, version, document IS NULL FROM aggregate WHERE id = ?"),
        arguments: [id.rawValue])
    else { return nil }
    let kind: String = (try head.decode(atIndex: 0))
    let version: Int = (try head.decode(atIndex: 1))
    if !((try head.decode(Bool.self, atIndex: 2))), let known = pupils.entry(id, version: version) {
      return AggregateRow(
        kind: kind, version: version, document: Data(known.bytes), pupil: known.pupil)
    }
    let document =
      try Data?.fetchOne(
        db.cachedStatement(sql: "SELECT document FROM aggregate WHERE id = ?"),
        arguments: [id.rawValue]) ?? nil
    return AggregateRow(kind: kind, version: version, document: document)
  }

  /// The refusal when someone else saved a record first, naming who and when.
  func conflict(_ db: Database, id: AggregateID, name: String?) throws -> StoreError {
    let last = try Row.fetchOne(
      db,
      sql: "SELECT actor, at, summary FROM event WHERE aggregate_id = ? ORDER BY seq DESC LIMIT 1",
      arguments: [id.rawValue])
    let who = (last?["actor"] as String?) ?? "another session"
    let when = (last?["at"] as String?).map(Timestamp.local) ?? "just now"
    let what = (last?["summary"] as String?) ?? ""
    return StoreError(
      .conflict,
      "\(name ?? what.components(separatedBy: ":").first ?? "This record") was changed by \(who) at \(when) since you opened it (“\(what)”). Reload to see their change; your unsaved text is kept."
    )
  }
}

/// Writes many steps in one transaction: for imports and generated stores, where a commit per step would be slow.
/// Each step is still its own undo step with its own history.
public final class BatchWriter {
  let db: Database
  let store: Store

  init(db: Database, store: Store) {
    self.db = db
    self.store = store
  }

  @discardableResult
  public func step(summary: String? = nil, _ body: (StepWriter) throws -> Void) throws
    -> StepRecord?
  {
    let writer = StepWriter(db: db, store: store)
    try body(writer)
    let record = try writer.commit(summary: summary)
    written.append(writer)
    return record
  }

  var written: [StepWriter] = []
}

extension Store {
  /// Runs `body` in one transaction: all its steps are saved, or none.
  public func batch(_ body: (BatchWriter) throws -> Void) throws {
    let batch = try write { db in
      let batch = BatchWriter(db: db, store: self)
      try body(batch)
      return batch
    }
    for writer in batch.written { writer.publish() }
  }
}
