/// One obligation on the agenda, as every command and screen shows it and every JSON answer writes it:
/// `{"pupil": {id, name, dateOfBirth, year}, "kind", "title", "detail", "due", "days", "state", "owner", "opens", "key"}`.
public struct AgendaItem: Hashable, Codable, Sendable {
  public var pupil: StatusReport.PupilRef
  public var kind: DeadlineKind
  /// What has to happen.
  public var title: String
  public var detail: String
  public var due: Day
  /// Days from today to the due date: negative when missed.
  public var days: Int
  /// "missed by 2 days", "due today", "due in 3 days".
  public var state: String
  /// Who agreed to do it, when someone did.
  public var owner: String?
  /// The record it opens (`log:12`, `action:3.0`, `cycle:2`, `ehc`, `contacts`).
  public var opens: AgendaRef
  /// Stable across rebuilds and date changes: a calendar's UID, a mark-done target.
  public var key: String

  public init(pupil: StatusReport.PupilRef, deadline d: Deadline, today: Day) {
    self.pupil = pupil
    kind = d.kind
    title = d.title
    detail = d.detail
    due = d.due
    days = today.days(until: d.due)
    state = d.status(on: today).description
    owner = d.owner.isEmpty ? nil : d.owner
    opens = d.ref
    key = d.key(pupil: AggregateID(pupil.id))
  }

  public var isMissed: Bool { days < 0 }

  /// `soonest` order for thousands of items: positions are sorted, not the items, which are large to move.
  public static func sortedSoonest(_ items: [AgendaItem]) -> [AgendaItem] {
    items.withUnsafeBufferPointer { p in
      p.indices.sorted { soonest(p[$0], p[$1]) }.map { p[$0] }
    }
  }

  /// Soonest first; a pupil's items by name, then kind, so a list reads the same every time.
  /// Texts are compared by their UTF-8 bytes: the same order every time, without Unicode's slower comparison.
  public static func soonest(_ a: AgendaItem, _ b: AgendaItem) -> Bool {
    if a.due != b.due { return a.due < b.due }
    if let less = bytesLess(a.pupil.name, b.pupil.name) { return less }
    if let less = bytesLess(a.pupil.id, b.pupil.id) { return less }
    return bytesLess(a.key, b.key) ?? false
  }

  /// nil when the two are the same bytes.
  static func bytesLess(_ x: String, _ y: String) -> Bool? {
    var i = x.utf8.makeIterator()
    var j = y.utf8.makeIterator()
    while true {
      switch (i.next(), j.next()) {
      case (nil, nil): return nil
      case (nil, _): return true
      case (_, nil): return false
      case (let p?, let q?): if p != q { return p < q }
      }
    }
  }
}

extension Pupil {
  /// The pupil's agenda on `today`, soonest first: every item not yet met (windows that have closed are gone),
  /// with the meeting with parents the term calls for. The one answer to "what is due" for one pupil.
  public func agenda(on today: Day, pace: MeetingPace, transfers: [Int]) -> [Deadline] {
    var items = openDeadlines(on: today, transfers: transfers)
    if let meeting = pace.item(for: self) { items.append(meeting) }
    return items.sorted {
      ($0.due, $0.kind.rawValue, $0.title) < ($1.due, $1.kind.rawValue, $1.title)
    }
  }
}

extension StatusReport.PupilRef {
  public init(_ p: Pupil, today: Day) {
    self.init(p.id, name: p.displayName, dateOfBirth: p.dateOfBirth, year: p.yearGroup(on: today))
  }
  public init(_ s: PupilSummary, today: Day) {
    self.init(s.id, name: s.displayName, dateOfBirth: s.dateOfBirth, year: s.yearGroup(on: today))
  }
}
