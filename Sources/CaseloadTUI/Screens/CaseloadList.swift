import CaseloadCore
import Foundation
import TerminalUI

/// The order of the caseload list.
public enum CaseloadSort: String, Codable, Sendable, CaseIterable {
  case name, year, code, need, stage, due

  var column: Int {
    switch self {
    case .name: return 0
    case .year: return 1
    case .code: return 2
    case .need: return 3
    case .stage: return 4
    case .due: return 5
    }
  }

  func ascending(_ a: PupilSummary, _ b: PupilSummary, today: Day) -> Bool {
    func tie() -> Bool { (a.sortName, a.id) < (b.sortName, b.id) }
    switch self {
    case .name: return tie()
    case .year:
      let (x, y) = (a.yearGroup(on: today).number, b.yearGroup(on: today).number)
      return x != y ? x < y : tie()
    case .code:
      let (x, y) = (CaseloadList.codeText(a), CaseloadList.codeText(b))
      return x != y ? x < y : tie()
    case .need:
      let (x, y) = (a.primaryNeed?.rawValue ?? "~", b.primaryNeed?.rawValue ?? "~")
      return x != y ? x < y : tie()
    case .stage:
      let order = { (s: PupilSummary) in s.stage.map { Stage.allCases.firstIndex(of: $0)! } ?? 9 }
      return order(a) != order(b) ? order(a) < order(b) : tie()
    case .due:
      let (x, y) = (a.nextDue?.ordinal ?? Int.max, b.nextDue?.ordinal ?? Int.max)
      return x != y ? x < y : tie()
    }
  }
}

/// What survives a restart of the caseload screen: sort, filters and search.
public struct CaseloadPreferences: Codable, Hashable, Sendable {
  public var sort: CaseloadSort = .name
  public var ascending = true
  public var filter = CaseloadFilter()
  public init() {}
}

/// The rows of the caseload screen: every pupil's summary, filtered and sorted, with the flags a SENCo scans for.
public struct CaseloadList: Hashable, Sendable {
  public private(set) var all: [PupilSummary] = []
  public private(set) var shown: [PupilSummary] = []
  public private(set) var sharedNames: Set<String> = []
  public var preferences = CaseloadPreferences()
  public var today: Day
  public var expectedMeetings = 3

  public init(today: Day) { self.today = today }

  public mutating func replace(_ summaries: [PupilSummary]) {
    all = summaries
    var count: [String: Int] = [:]
    for s in summaries { count[s.displayName, default: 0] += 1 }
    sharedNames = Set(count.filter { $0.value > 1 }.keys)
    refresh()
  }

  /// Applies the filter and sort again.
  public mutating func refresh() {
    let p = preferences
    shown = all.filter { p.filter.matches($0, today: today) }
    shown.sort { a, b in
      p.ascending ? p.sort.ascending(a, b, today: today) : p.sort.ascending(b, a, today: today)
    }
  }

  static func codeText(_ s: PupilSummary) -> String {
    s.status == .monitoring ? "mon" : s.censusCode.rawValue
  }

  /// `!` review overdue, `E` an EHC deadline missed or within 28 days, `↑` escalation candidate, `M` fewer
  /// parent meetings than expected this school year.
  public func flags(_ s: PupilSummary, unicode: Bool = true) -> String {
    var f = ""
    if let due = s.nextDue, due < today, s.nextDueKind == .planReview { f += "!" }
    if let due = s.nextDue, let kind = s.nextDueKind, kind.isEHC, today.days(until: due) <= 28 {
      f += "E"
    }
    if s.escalationCandidate { f += unicode ? "↑" : "^" }
    let year = SchoolYear(containing: today)
    let meetings = s.parentMeetings.filter { year.contains($0) && $0 <= today }.count
    if s.censusCode != .N, s.left == nil, meetings < expectedMeetings { f += "M" }
    return f
  }

  public func name(_ s: PupilSummary) -> String {
    var name = s.displayName == s.legalName ? s.displayName : "\(s.displayName) (\(s.legalName))"
    if sharedNames.contains(s.displayName) { name += ", b. \(s.dateOfBirth.british)" }
    if let left = s.left { name += " — left \(left.british)" }
    return name
  }

  /// The text of a cell, by column of `CaseloadList.columns`.
  public func cell(_ s: PupilSummary, column: Int, unicode: Bool = true) -> (String, Style?) {
    switch column {
    case 0: return (name(s), nil)
    case 1: return (s.yearGroup(on: today).description, nil)
    case 2: return (Self.codeText(s), nil)
    case 3:
      return (
        [s.primaryNeed, s.secondaryNeed].compactMap { $0?.rawValue }.joined(separator: "/"), nil
      )
    case 4: return (s.stage?.rawValue ?? "—", nil)
    case 5: return (s.nextDue?.british ?? "", nil)
    case 6:
      guard let due = s.nextDue else { return ("", nil) }
      let days = today.days(until: due)
      return (days < 0 ? "\(days)d" : "+\(days)d", days < 0 ? .bold : nil)
    default: return (flags(s, unicode: unicode), .bold)
    }
  }

  public static let columns = [
    TableColumn("Name", width: 14, flexible: true),
    TableColumn("Year", width: 4),
    TableColumn("Code", width: 4),
    TableColumn("Need", width: 9, dropOrder: 3),
    TableColumn("Stage", width: 6, dropOrder: 5),
    TableColumn("Next due", width: 10, dropOrder: 4),
    TableColumn("Days", width: 5, alignment: .trailing),
    TableColumn("Flags", width: 5, dropOrder: 2),
  ]

  /// "K 26 · E 4 · N 5 (4 monitored) · 35 shown"
  public var countsLine: String {
    let current = all.filter { $0.left == nil }
    let k = current.filter { $0.censusCode == .K }.count
    let e = current.filter { $0.censusCode == .E }.count
    let n = current.filter { $0.censusCode == .N }.count
    let mon = current.filter { $0.status == .monitoring }.count
    return "K \(k) · E \(e) · N \(n) (\(mon) monitored) · \(shown.count) shown"
  }
}
