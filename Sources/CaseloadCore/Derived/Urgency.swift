/// The marks beside a pupil in every list, defined once: the screens show the symbols, `caseload list` the
/// words, and the overdue filter (`o`, `overdue`, `--overdue`) keeps the pupils marked `!`.
public enum CaseloadFlag: String, CaseIterable, Sendable, Codable {
  case overdue, ehc, escalation, meetings

  public func symbol(unicode: Bool = true) -> String {
    switch self {
    case .overdue: return "!"
    case .ehc: return "E"
    case .escalation: return unicode ? "↑" : "^"
    case .meetings: return "M"
    }
  }

  public var meaning: String {
    switch self {
    case .overdue:
      return
        "something on the agenda is missed: a review, an EHC date, a follow-up, an action, a provision's end or a term's meeting with parents"
    case .ehc: return "an EHC statutory date missed or due within \(Urgency.ehcWindowDays) days"
    case .escalation:
      return "two reviews or more with less than expected progress and no EHC request yet"
    case .meetings: return "on SEN support and behind on meetings with parents (one a term)"
    }
  }
}

/// How urgent each pupil is on a day: the earliest thing due and the flags, from a pupil's summary and the
/// school's terms. Every list, filter and command asks this one type.
public struct Urgency: Sendable {
  public static let ehcWindowDays = 28
  public let pace: MeetingPace
  /// The year groups after which the school's pupils change phase.
  public let transfers: [Int]
  public var today: Day { pace.today }

  public init(today: Day, settings: SchoolSettings) {
    pace = MeetingPace(today: today, settings: settings)
    transfers = settings.transferYears
  }

  /// The earliest open item on the pupil's agenda: from the record, or the meeting with parents this term.
  public func next(_ s: PupilSummary) -> (due: Day, kind: DeadlineKind)? {
    var recorded = s.nextDue.flatMap { due in s.nextDueKind.map { (due, $0) } }
    if let b = s.booked, today < b.until, recorded.map({ b.due < $0.0 }) ?? true {
      recorded = (b.due, b.kind)
    }
    guard let meeting = pace.item(for: s) else { return recorded }
    guard let recorded, recorded.0 <= meeting.due else { return (meeting.due, meeting.kind) }
    return recorded
  }

  public func isOverdue(_ s: PupilSummary) -> Bool {
    guard s.left == nil, let next = next(s) else { return false }
    return next.due < today
  }

  public func flags(_ s: PupilSummary) -> [CaseloadFlag] {
    guard s.left == nil else { return [] }
    var out: [CaseloadFlag] = []
    if isOverdue(s) { out.append(.overdue) }
    var ehc = s.nextEHCDue
    if let b = s.booked, b.kind.isEHC, today < b.until, ehc.map({ b.due < $0 }) ?? true {
      ehc = b.due
    }
    if let due = ehc, today.days(until: due) <= Self.ehcWindowDays { out.append(.ehc) }
    if s.escalationCandidate { out.append(.escalation) }
    if let meeting = pace.item(for: s), meeting.due < today { out.append(.meetings) }
    return out
  }

  /// Sorts the most urgent first: a missed item, then an EHC date, then escalation, then meetings.
  public func rank(_ s: PupilSummary) -> Int {
    -flags(s).reduce(0) { rank, flag in
      switch flag {
      case .overdue: return rank + 8
      case .ehc: return rank + 4
      case .escalation: return rank + 2
      case .meetings: return rank + 1
      }
    }
  }
}
