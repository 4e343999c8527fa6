import CaseloadCore
import Foundation
import GRDB

/// One step of the history: one thing a person did, and the records it changed.
public struct HistoryEntry: Sendable, Hashable {
  public var step: Int64
  public var actor: String
  /// UTC, ISO 8601.
  public var at: String
  /// What the step did; for one pupil's history, what it did to that pupil.
  public var summary: String
  /// The records the step changed, in the order it changed them.
  public var records: [AggregateID]
  /// The step this one undid or redid.
  public var reverts: Int64?

  /// `29/11/2026 18:30` in local time.
  public var localTime: String { Timestamp.local(at) }
}

/// How a name, UPN or id typed on the command line matched pupils.
public enum PupilMatch: Sendable {
  case one(PupilSummary)
  case many([PupilSummary])
  case none
}

extension Store {
  public func pupil(_ id: AggregateID) throws -> Loaded<Pupil>? {
    try read { db in
      guard let row = try aggregateRow(db, id), row.kind == AggregateKind.pupil.rawValue,
        let data = row.document
      else { return nil }
      if let known = row.pupil { return Loaded(value: known, version: row.version) }
      let pupil = try Documents.decode(Pupil.self, from: data, id: id.rawValue)
      pupils.put(id, PupilCache.Entry(version: row.version, pupil: pupil, bytes: [UInt8](data)))
      return Loaded(value: pupil, version: row.version)
    }
  }

  /// Every pupil record, decoded (exports, replay checks); the lists use `summaries` instead.
  public func allPupils() throws -> [Loaded<Pupil>] {
    try read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT id, version, document FROM aggregate WHERE kind = 'pupil' AND document IS NOT NULL ORDER BY id"
      ).map { row in
        Loaded(
          value: try Documents.decode(
            Pupil.self, from: (try row.decode(forColumn: "document")),
            id: (try row.decode(forColumn: "id"))),
          version: (try row.decode(forColumn: "version")))
      }
    }
  }

  /// The school settings, or the defaults for `today` when none have been saved.
  public func settings(today: Day) throws -> Loaded<SchoolSettings> {
    try read { db in try loadSettings(db, today: today) }
  }

  func loadSettings(_ db: Database, today: Day) throws -> Loaded<SchoolSettings> {
    guard let row = try aggregateRow(db, .settings), let data = row.document else {
      return Loaded(value: .defaults(today: today), version: 0)
    }
    return Loaded(
      value: try Documents.decode(SchoolSettings.self, from: data, id: "settings"),
      version: row.version)
  }

  /// The summary of every pupil, in name order, straight from the summary columns.
  public func summaries(includeLeavers: Bool = false) throws -> [PupilSummary] {
    try read { db in
      let sql =
        "SELECT \(Self.summaryColumns) FROM pupil_summary"
        + (includeLeavers ? "" : " WHERE left_on IS NULL")
        + " ORDER BY sort_name, id"
      var out: [PupilSummary] = []
      let rows = try Row.fetchCursor(db, sql: sql)
      while let row = try rows.next() { out.append(try Self.summary(row)) }
      return out
    }
  }

  /// The pupils still at the school with only what the agenda reads of them (id, name, date of birth, year
  /// offset, status, parent meetings): `due` over a large school reads these rather than every summary column.
  /// The other fields are empty; nothing else should use them.
  public func agendaPupils() throws -> [PupilSummary] {
    try read { db in
      var out: [PupilSummary] = []
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT id, display_name, date_of_birth, year_offset, status, parent_meetings
          FROM pupil_summary WHERE left_on IS NULL
          """)
      while let row = try rows.next() {
        let status = ((try row.decode(String?.self, atIndex: 4))).flatMap(SENStatus.init(rawValue:))
        out.append(
          PupilSummary(
            id: AggregateID((try row.decode(atIndex: 0))),
            displayName: (try row.decode(atIndex: 1)),
            legalName: "", sortName: "", searchKey: "",
            dateOfBirth: Day(isoFast: (try row.decode(String.self, atIndex: 2))) ?? Day(ordinal: 0),
            yearGroupOffset: (try row.decode(atIndex: 3)), upn: nil, registrationGroup: nil,
            status: status, primaryNeed: nil, secondaryNeed: nil, stage: nil, nextDue: nil,
            nextDueKind: nil, left: nil, lessThanExpectedReviews: 0, escalationCandidate: false,
            parentMeetings: status == .senSupport
              ? Day.isoList((try row.decode(String.self, atIndex: 5))) : []))
      }
      return out
    }
  }

  /// One pupil's summary, or nil when there is no such pupil: after a save, the list updates one row.
  public func summary(_ id: AggregateID) throws -> PupilSummary? {
    try read { db in
      try Row.fetchOne(
        db, sql: "SELECT \(Self.summaryColumns) FROM pupil_summary WHERE id = ?",
        arguments: [id.rawValue]
      ).map(Self.summary)
    }
  }

  public func pupilCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pupil_summary") ?? 0 }
  }

  static let summaryColumns = """
    id, display_name, legal_name, sort_name, search_key, date_of_birth, year_offset, upn, registration_group, status,
    primary_need, secondary_need, stage, next_due, next_due_kind, left_on, less_than_expected, escalation,
    parent_meetings, next_ehc_due, booked_due, booked_kind, booked_until
    """

  /// Reads a row of `summaryColumns` by position: the list of every pupil is on the start-up path.
  static func summary(_ row: Row) throws -> PupilSummary {
    func day(_ i: Int) throws -> Day? {
      ((try row.decode(String?.self, atIndex: i))).flatMap(Day.init(isoFast:))
    }
    let meetings = Day.isoList((try row.decode(String.self, atIndex: 18)))
    var summary = PupilSummary(
      id: AggregateID((try row.decode(atIndex: 0))), displayName: (try row.decode(atIndex: 1)),
      legalName: (try row.decode(atIndex: 2)), sortName: (try row.decode(atIndex: 3)),
      searchKey: (try row.decode(atIndex: 4)),
      dateOfBirth: try day(5) ?? Day(ordinal: 0), yearGroupOffset: (try row.decode(atIndex: 6)),
      upn: (try row.decode(atIndex: 7)),
      registrationGroup: (try row.decode(atIndex: 8)),
      status: ((try row.decode(String?.self, atIndex: 9))).flatMap(SENStatus.init(rawValue:)),
      primaryNeed: ((try row.decode(String?.self, atIndex: 10))).flatMap(NeedType.init(rawValue:)),
      secondaryNeed: ((try row.decode(String?.self, atIndex: 11))).flatMap(
        NeedType.init(rawValue:)),
      stage: ((try row.decode(String?.self, atIndex: 12))).flatMap(Stage.init(rawValue:)),
      nextDue: try day(13),
      nextDueKind: ((try row.decode(String?.self, atIndex: 14))).flatMap(
        DeadlineKind.init(rawValue:)), left: try day(15),
      lessThanExpectedReviews: (try row.decode(atIndex: 16)),
      escalationCandidate: (try row.decode(atIndex: 17)), parentMeetings: meetings)
    summary.nextEHCDue = try day(19)
    if let due = try day(20), let until = try day(22),
      let kind = ((try row.decode(String?.self, atIndex: 21))).flatMap(DeadlineKind.init(rawValue:))
    {
      summary.booked = BookedItem(due: due, kind: kind, until: until)
    }
    return summary
  }

  /// Deadlines not yet met, due on or before `dueBy` (all when nil), in no order: `DueList` sorts the agenda.
  public func openDeadlines(on today: Day, dueBy: Day? = nil) throws -> [PupilDeadline] {
    try read { db in
      var sql = """
        SELECT pupil_id, kind, due, met, detail, title, owner, ref FROM deadline
        WHERE (met IS NULL OR met > ?)
        """
      var arguments: StatementArguments = [today.iso]
      if let dueBy {
        sql += " AND due <= ?"
        arguments += [dueBy.iso]
      }
      return try Self.collect(try Row.fetchCursor(db, sql: sql, arguments: arguments)) { row in
        guard let kind = DeadlineKind(rawValue: (try row.decode(atIndex: 1))),
          let due = Day(isoFast: (try row.decode(String.self, atIndex: 2)))
        else { return nil }
        let met = ((try row.decode(String?.self, atIndex: 3))).flatMap { Day(isoFast: $0) }
        return PupilDeadline(
          pupilID: AggregateID((try row.decode(atIndex: 0))),
          deadline: Deadline(
            kind: kind, due: due, met: met, detail: (try row.decode(atIndex: 4)),
            title: (try row.decode(atIndex: 5)), owner: (try row.decode(atIndex: 6)),
            ref: AgendaRef(rawValue: (try row.decode(atIndex: 7))) ?? .none))
      }
    }
  }

  /// The history, newest first, one entry a step, of one pupil or of the whole store; `limit` counts steps.
  public func history(for id: AggregateID? = nil, limit: Int = 20) throws -> [HistoryEntry] {
    try read { db in
      let limit = max(0, limit)
      let rows: [Row]
      if let id {
        rows = try Row.fetchAll(
          db,
          sql: """
            SELECT s.id, s.actor, s.at, e.summary, s.reverts FROM event e JOIN step s ON s.id = e.step
            WHERE e.aggregate_id = ? ORDER BY e.seq DESC LIMIT ?
            """, arguments: [id.rawValue, limit])
      } else {
        rows = try Row.fetchAll(
          db, sql: "SELECT id, actor, at, summary, reverts FROM step ORDER BY id DESC LIMIT ?",
          arguments: [limit])
      }
      let records = try db.cachedStatement(
        sql: "SELECT aggregate_id FROM event WHERE step = ? ORDER BY seq")
      return try rows.map { row in
        let step: Int64 = (try row.decode(atIndex: 0))
        return HistoryEntry(
          step: step, actor: (try row.decode(atIndex: 1)), at: (try row.decode(atIndex: 2)),
          summary: (try row.decode(atIndex: 3)),
          records: try String.fetchAll(records, arguments: [step]).map(AggregateID.init),
          reverts: (try row.decode(atIndex: 4)))
      }
    }
  }

  /// The bytes the history's rows hold (events and steps, their text and changes): how the history grows.
  public func historyBytes() throws -> Int {
    try read { db in
      let events =
        try Int.fetchOne(
          db,
          sql: """
            SELECT sum(length(delta) + length(summary) + length(actor) + length(at) + length(aggregate_id)
              + length(aggregate_kind) + 40) FROM event
            """) ?? 0
      let steps =
        try Int.fetchOne(
          db,
          sql:
            "SELECT sum(length(summary) + length(actor) + length(user) + length(at) + 24) FROM step"
        )
        ?? 0
      return events + steps
    }
  }

  /// Moves everything in the write-ahead log into the store file and empties the log.
  public func checkpoint() throws {
    do {
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  public func eventCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
  }

  /// Finds pupils by id (or a unique prefix of at least four characters), UPN, or name: every word typed must
  /// appear in the pupil's names, ignoring case and accents ("oisin obrien" finds "Oisín O'Brien").
  ///
  /// Each way is one query on the summary table (the id and UPN by their indexes), so naming one pupil costs
  /// the same on a caseload of ten thousand as on one of ten.
  public func findPupil(_ query: String, includeLeavers: Bool = true) throws -> PupilMatch {
    let q = query.trimmingCharacters(in: .whitespaces)
    guard !q.isEmpty else { return .none }
    return try read { db in
      func fetch(_ condition: String, _ arguments: StatementArguments) throws -> [PupilSummary] {
        let sql =
          "SELECT \(Self.summaryColumns) FROM pupil_summary WHERE (\(condition))"
          + (includeLeavers ? "" : " AND left_on IS NULL") + " ORDER BY sort_name, id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary)
      }
      if let exact = try fetch("id = ?", [q]).first { return .one(exact) }
      if q.count >= 4, !q.contains(" ") {
        // Every id that starts with q sorts between q and q followed by the highest character.
        let byPrefix = try fetch("id >= ? AND id < ?", [q, q + "\u{10FFFF}"])
        if byPrefix.count == 1 { return .one(byPrefix[0]) }
        if byPrefix.count > 1 { return .many(byPrefix) }
      }
      if let byUPN = try fetch("upn = ?", [q.uppercased()]).first { return .one(byUPN) }
      let search = SearchWords(q)
      guard !search.isEmpty else { return .none }
      // The same test as the caseload screen's search: each word occurs in the key without apostrophes.
      let condition = search.words.map { _ in "instr(replace(search_key, '''', ''), ?) > 0" }
        .joined(separator: " AND ")
      let matches = try fetch(condition, StatementArguments(search.words))
      let exactName = matches.filter { Text.searchKey($0.displayName) == Text.searchKey(q) }
      if exactName.count == 1 { return .one(exactName[0]) }
      switch matches.count {
      case 0: return .none
      case 1: return .one(matches[0])
      default: return .many(matches)
      }
    }
  }

  /// A per-user preference (sort, filters) kept in the store so it survives a restart.
  public func preference(_ key: String) throws -> String? {
    try read { db in
      try String.fetchOne(
        db, sql: "SELECT value FROM preference WHERE user = ? AND key = ?",
        arguments: [actor.user, key])
    }
  }

  public func setPreference(_ key: String, _ value: String) throws {
    try write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO preference (user, key, value) VALUES (?, ?, ?)",
        arguments: [actor.user, key, value])
    }
  }
}
