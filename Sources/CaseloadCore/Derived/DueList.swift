/// One line of the school-wide list of what is due: a plan review or a statutory EHC deadline of one pupil.
public struct DueItem: Hashable, Codable, Sendable {
  public var pupilID: AggregateID
  public var name: String
  public var dateOfBirth: Day
  public var year: String
  public var kind: DeadlineKind
  /// What has to happen, in a SENCo's words.
  public var what: String
  public var detail: String
  public var due: Day
  /// Days from today: negative when missed.
  public var days: Int
  /// "due in 3 days", "missed by 2 days", "due today".
  public var status: String
}

/// Every open review and statutory deadline across the caseload, soonest first: what the deadlines screen and
/// `caseload due` show.
public enum DueList {
  /// Missed deadlines are always listed; upcoming ones when due within `withinDays` (all when nil). Windows that
  /// have closed (a comment period, an appeal period) are not things anyone can still miss, so they are left out.
  public static func items(
    deadlines: [PupilDeadline], pupils: [PupilSummary], today: Day, withinDays: Int?
  ) -> [DueItem] {
    let byID = Dictionary(pupils.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var items: [DueItem] = []
    for d in deadlines {
      guard let pupil = byID[d.pupilID], pupil.left == nil else { continue }
      let status = d.deadline.status(on: today)
      guard status.isOpen else { continue }
      let days = today.days(until: d.deadline.due)
      if let withinDays, days > withinDays { continue }
      items.append(
        DueItem(
          pupilID: pupil.id, name: pupil.displayName, dateOfBirth: pupil.dateOfBirth,
          year: pupil.yearGroup(on: today).description, kind: d.deadline.kind,
          what: d.deadline.kind.title, detail: d.deadline.detail, due: d.deadline.due, days: days,
          status: status.description))
    }
    return items.sorted {
      ($0.due, $0.name, $0.kind.rawValue) < ($1.due, $1.name, $1.kind.rawValue)
    }
  }

  /// Reads "28", "28d", "6w", "3m" or "all" (nil) as a number of days.
  public static func window(_ text: String) -> Int?? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    if t == "all" { return .some(nil) }
    let unit = t.last.flatMap { $0.isLetter ? $0 : nil }
    guard let n = Int(unit == nil ? t : String(t.dropLast())), n >= 0, n <= 3660 else { return nil }
    switch unit {
    case nil, "d": return .some(n)
    case "w": return .some(n * 7)
    case "m": return .some(n * 31)
    default: return nil
    }
  }
}
