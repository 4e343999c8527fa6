import CaseloadCore
import Foundation
import TerminalUI

/// The order of the caseload list.
public enum CaseloadSort: String, Codable, Sendable, CaseIterable {
  case name, year, code, need, stage, due, flags

  var column: Int {
    switch self {
    case .name: return 0
    case .year: return 1
    case .code: return 2
    case .need: return 3
    case .stage: return 4
    case .due: return 5
    case .flags: return 7
    }
  }

  /// A number to order by, ties broken by name; computed once per pupil per sort, never per comparison.
  func key(_ s: PupilSummary, urgency: Urgency) -> Int {
    switch self {
    case .name: return 0
    case .year: return s.yearGroup(on: urgency.today).number
    case .code: return s.status == .monitoring ? 3 : [.E: 0, .K: 1, .N: 2][s.censusCode] ?? 2
    case .need: return s.primaryNeed.flatMap { Self.needRank[$0] } ?? Int.max
    case .stage: return s.stage.flatMap { Stage.allCases.firstIndex(of: $0) } ?? 9
    case .due: return urgency.next(s)?.due.ordinal ?? Int.max
    case .flags: return 0  // worked out by the list, which knows the flags
    }
  }

  /// Need codes in alphabetical order.
  static let needRank: [NeedType: Int] = Dictionary(
    uniqueKeysWithValues: NeedType.allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map {
      ($1, $0)
    })
}

/// What survives a restart of the caseload screen: sort, filters and search.
public struct CaseloadPreferences: Codable, Hashable, Sendable {
  public var sort: CaseloadSort = .name
  public var ascending = true
  public var filter = CaseloadFilter()
  public init() {}
}

/// The pupils on screen: positions into the whole list, so filtering 10,000 pupils copies no summaries.
public struct ShownPupils: RandomAccessCollection, Hashable, Sendable {
  let base: [PupilSummary]
  let positions: [Int]
  public var startIndex: Int { 0 }
  public var endIndex: Int { positions.count }
  public subscript(i: Int) -> PupilSummary { base[positions[i]] }
}

/// The rows of the caseload screen: every pupil's summary, filtered and sorted, with the flags a SENCo scans for.
///
/// Built for typing speed over thousands of pupils: the store delivers pupils in name order, each sort is
/// worked out once (by integer keys, name order breaking ties), and a keystroke in the search only filters.
public struct CaseloadList: Hashable, Sendable {
  /// Every pupil, leavers included, in name order.
  public private(set) var all: [PupilSummary] = []
  public private(set) var shown = ShownPupils(base: [], positions: [])
  public private(set) var sharedNames: Set<String> = []
  public var preferences = CaseloadPreferences()
  public var today: Day { didSet { urgency = Urgency(today: today, settings: settings) } }
  /// The school's terms and meetings a year, which the flags and the next-due column read.
  public var settings: SchoolSettings {
    didSet { urgency = Urgency(today: today, settings: settings) }
  }
  public private(set) var urgency: Urgency
  private var searchKeys: [[UInt8]] = []
  private var ordered: (sort: CaseloadSort, positions: [Int])?
  /// K, E, N and monitored among pupils who have not left.
  private var counts = (k: 0, e: 0, n: 0, monitored: 0)

  public init(today: Day, settings: SchoolSettings? = nil) {
    self.today = today
    let settings = settings ?? .defaults(today: today)
    self.settings = settings
    urgency = Urgency(today: today, settings: settings)
  }

  public static func == (a: CaseloadList, b: CaseloadList) -> Bool {
    a.all == b.all && a.shown == b.shown && a.preferences == b.preferences && a.today == b.today
  }
  public func hash(into h: inout Hasher) {
    h.combine(all)
    h.combine(preferences)
  }

  public mutating func replace(_ summaries: [PupilSummary]) {
    // The store already orders by name; anything else (a test's list) is put in the same byte order.
    let inOrder = zip(summaries, summaries.dropFirst()).allSatisfy { Self.nameOrder($0, $1) }
    all = inOrder ? summaries : summaries.sorted(by: Self.nameOrder)
    searchKeys = all.map { SearchWords.plainKey($0.searchKey) }
    var count: [String: Int] = [:]
    counts = (0, 0, 0, 0)
    for s in all {
      count[s.displayName, default: 0] += 1
      guard s.left == nil else { continue }
      switch s.censusCode {
      case .K: counts.k += 1
      case .E: counts.e += 1
      case .N: counts.n += 1
      }
      if s.status == .monitoring { counts.monitored += 1 }
    }
    sharedNames = Set(count.filter { $0.value > 1 }.keys)
    ordered = nil
    refresh()
  }

  /// Puts one pupil's new summary in place (nil: the pupil is gone) without reading every pupil again.
  public mutating func update(_ id: AggregateID, to summary: PupilSummary?) {
    var pupils = all
    if let i = pupils.firstIndex(where: { $0.id == id }) {
      if let summary { pupils[i] = summary } else { pupils.remove(at: i) }
    } else if let summary {
      pupils.append(summary)
    }
    replace(pupils)
  }

  static func nameOrder(_ a: PupilSummary, _ b: PupilSummary) -> Bool {
    if a.sortName != b.sortName {
      return a.sortName.utf8.lexicographicallyPrecedes(b.sortName.utf8)
    }
    return a.id.rawValue.utf8.lexicographicallyPrecedes(b.id.rawValue.utf8)
  }

  /// Applies the filter and sort again.
  public mutating func refresh() {
    let p = preferences
    if ordered?.sort != p.sort {
      let keys = all.map { p.sort == .flags ? urgency.rank($0) : p.sort.key($0, urgency: urgency) }
      ordered = (
        p.sort, all.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
      )
    }
    let matcher = p.filter.matcher(urgency)
    var positions: [Int] = []
    positions.reserveCapacity(all.count)
    let order = ordered?.positions ?? Array(all.indices)
    all.withUnsafeBufferPointer { all in
      for i in p.ascending ? order : order.reversed()
      where matcher.matches(all[i], searchKey: searchKeys[i]) {
        positions.append(i)
      }
    }
    shown = ShownPupils(base: all, positions: positions)
  }

  /// Where a pupil is among the rows shown, if at all.
  public func row(of id: AggregateID) -> Int? {
    guard let position = all.firstIndex(where: { $0.id == id }) else { return nil }
    return shown.positions.firstIndex(of: position)
  }

  static func codeText(_ s: PupilSummary) -> String {
    s.status == .monitoring ? "mon" : s.censusCode.rawValue
  }

  /// The symbols of `CaseloadFlag`, whose meanings the help and the README list.
  public func flags(_ s: PupilSummary, unicode: Bool = true) -> String {
    urgency.flags(s).map { $0.symbol(unicode: unicode) }.joined()
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
    case 5: return (urgency.next(s)?.due.british ?? "", nil)
    case 6:
      guard let due = urgency.next(s)?.due else { return ("", nil) }
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
    "K \(counts.k) · E \(counts.e) · N \(counts.n) (\(counts.monitored) monitored) · \(shown.count) shown"
  }
}
