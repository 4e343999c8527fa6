import CaseloadCore
import CaseloadStore
import Foundation

extension Export {
  /// Everything Caseload holds about one pupil, for a subject access request: the record as it is now, every
  /// change in its history with who made it, when, and what it changed (each value before and after), and any
  /// review meeting a user has paused. Pretty-printed JSON, one change to a line.
  public static func pupilRecord(
    _ id: AggregateID, store: Store, today: Day, exportedAt: Date = Date()
  ) throws -> Data {
    var data = Data()
    try writePupilRecord(id, store: store, today: today, exportedAt: exportedAt) { data.append($0) }
    return data
  }

  /// `pupilRecord` written to `sink` as it is read: the history is read a change at a time, so a pupil with ten
  /// years of it is never held in memory whole.
  public static func writePupilRecord(
    _ id: AggregateID, store: Store, today: Day, exportedAt: Date = Date(),
    to sink: (Data) throws -> Void
  ) throws {
    guard let loaded = try store.pupil(id) else {
      throw ExportProblem("There is no pupil \(id) in the store; they may have been removed.")
    }
    let settings = try store.settings(today: today).value
    let p = loaded.value
    let drafts = try store.preferenceOfEveryUser(Store.meetingDraftKey(for: id)).map {
      PupilRecord.PausedMeeting(
        user: $0.user, meeting: try JSONValue(document: Data($0.value.utf8)))
    }
    let record = PupilRecord(
      about:
        "Everything Caseload holds about \(p.displayName) at \(settings.schoolName.isEmpty ? "the school" : settings.schoolName): the record as it is now, every change to it with who made it, when and what it changed, who has looked at it, and any review meeting in progress.",
      exported: isoTimestamp(exportedAt), today: today.iso, school: settings.schoolName,
      pupil: p, version: loaded.version,
      derived: .init(
        censusCode: p.censusCode.rawValue, yearGroup: p.yearGroup(on: today).title,
        openDeadlines: p.openDeadlines(transfers: settings.transferYears).map {
          .init(kind: $0.kind.rawValue, due: $0.due.iso, detail: $0.detail)
        }),
      pausedMeetings: drafts, accessLog: try store.accessLog(for: id))
    let pretty = JSONEncoder()
    pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var head = try pretty.encode(record)
    // The record closes with "\n}": the history goes in before it.
    guard head.last == UInt8(ascii: "}") else {
      throw ExportProblem("The record could not be written.")
    }
    head.removeLast()
    while head.last == 0x0A || head.last == 0x20 { head.removeLast() }
    head.append(contentsOf: Array(",\n  \"history\" : [".utf8))
    try sink(head)
    let compact = JSONEncoder()
    compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var first = true
    try store.forEachEvent(of: id) { e in
      var line = Data((first ? "\n    " : ",\n    ").utf8)
      first = false
      var fields = try compact.encode(
        PupilRecord.Change(
          seq: e.seq, step: e.step, at: e.at, by: e.actor, summary: e.summary, reverts: e.reverts,
          versionBefore: e.beforeVersion, versionAfter: e.afterVersion))
      fields.removeLast()
      line.append(fields)
      line.append(contentsOf: Array(#","changes":"#.utf8))
      line.append(e.changes)
      line.append(UInt8(ascii: "}"))
      try sink(line)
    }
    try sink(Data((first ? "]\n}\n" : "\n  ]\n}\n").utf8))
  }

  /// The whole store as one JSON file (`caseload export all`): see `StoreBackup`.
  public static func all(
    _ store: Store, exportedAt: Date = Date(), to sink: @escaping (Data) throws -> Void
  ) throws {
    try store.writeBackup(exportedAt: exportedAt, to: sink)
  }

  /// Restores a backup made by `all` into an empty store (`caseload import all`).
  @discardableResult
  public static func restore(_ data: Data, into store: Store, source: String) throws
    -> BackupCounts
  {
    try store.restoreBackup(data, source: source)
  }

  static func isoTimestamp(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
  }
}

/// The subject access export of one pupil.
struct PupilRecord: Encodable {
  struct Derived: Encodable {
    struct DeadlineFact: Encodable {
      var kind: String
      var due: String
      var detail: String
    }
    var censusCode: String
    var yearGroup: String
    var openDeadlines: [DeadlineFact]
  }
  struct Change: Encodable {
    var seq: Int64
    var step: Int64
    var at: String
    var by: String
    var summary: String
    var reverts: Int64?
    var versionBefore: Int?
    var versionAfter: Int
  }
  struct PausedMeeting: Encodable {
    var user: String
    var meeting: JSONValue
  }
  var about: String
  var exported: String
  var today: String
  var school: String
  var pupil: Pupil
  var version: Int
  var derived: Derived
  var pausedMeetings: [PausedMeeting]
  /// Who has looked at the record, and when.
  var accessLog: [AccessLogLine]
}
