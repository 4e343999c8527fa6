import Foundation

/// The school-wide agenda: every open item across the caseload, soonest first. What the deadlines screen and
/// `caseload due` show, and the reference `status` is held against.
public enum DueList {
  /// Missed items are always listed; upcoming ones when due within `withinDays` (all when nil). `deadlines` are
  /// the store's open rows on `urgency.today`; the meeting with parents each term calls for is added here.
  public static func items(
    deadlines: [PupilDeadline], pupils: [PupilSummary], urgency: Urgency, withinDays: Int?
  ) -> [AgendaItem] {
    let today = urgency.today
    // Positions, not copies: a summary is large, and a pupil's reference is made once however many items.
    let position = Dictionary(
      pupils.indices.map { (pupils[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    var refs = [StatusReport.PupilRef?](repeating: nil, count: pupils.count)
    func ref(_ n: Int) -> StatusReport.PupilRef {
      if let known = refs[n] { return known }
      let r = StatusReport.PupilRef(pupils[n], today: today)
      refs[n] = r
      return r
    }
    var items: [AgendaItem] = []
    items.reserveCapacity(deadlines.count + pupils.count / 2)
    func add(_ n: Int, _ d: Deadline) {
      guard d.status(on: today).isOpen else { return }
      if let withinDays, today.days(until: d.due) > withinDays { return }
      items.append(AgendaItem(pupil: ref(n), deadline: d, today: today))
    }
    for d in deadlines {
      guard let n = position[d.pupilID], pupils[n].left == nil else { continue }
      add(n, d.deadline)
    }
    for n in pupils.indices {
      if let meeting = urgency.pace.item(for: pupils[n]) { add(n, meeting) }
    }
    return AgendaItem.sortedSoonest(items)
  }

  /// The same list from whole records: slow, simple, and what the store's answer is tested against.
  public static func items(pupils: [Pupil], urgency: Urgency, withinDays: Int?) -> [AgendaItem] {
    let today = urgency.today
    var items: [AgendaItem] = []
    for p in pupils where !p.hasLeft {
      let ref = StatusReport.PupilRef(p, today: today)
      for d in p.agenda(on: today, pace: urgency.pace, transfers: urgency.transfers) {
        if let withinDays, today.days(until: d.due) > withinDays { continue }
        items.append(AgendaItem(pupil: ref, deadline: d, today: today))
      }
    }
    return items.sorted(by: AgendaItem.soonest)
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
