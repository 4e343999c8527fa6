import Foundation

/// Which pupils a list shows. Every condition set must hold.
public struct CaseloadFilter: Hashable, Codable, Sendable {
  public var years: Set<Int>
  public var codes: Set<CensusCode>
  public var monitoringOnly: Bool
  public var needs: Set<NeedType>
  public var areas: Set<NeedArea>
  public var stages: Set<Stage>
  /// Something due within this many days (overdue included).
  public var dueWithinDays: Int?
  public var overdueOnly: Bool
  public var includeLeavers: Bool
  /// Words that must all appear in the names or UPN, ignoring case and accents.
  public var search: String

  public init(
    years: Set<Int> = [], codes: Set<CensusCode> = [], monitoringOnly: Bool = false,
    needs: Set<NeedType> = [],
    areas: Set<NeedArea> = [], stages: Set<Stage> = [], dueWithinDays: Int? = nil,
    overdueOnly: Bool = false,
    includeLeavers: Bool = false, search: String = ""
  ) {
    self.years = years
    self.codes = codes
    self.monitoringOnly = monitoringOnly
    self.needs = needs
    self.areas = areas
    self.stages = stages
    self.dueWithinDays = dueWithinDays
    self.overdueOnly = overdueOnly
    self.includeLeavers = includeLeavers
    self.search = search
  }

  public func matches(_ s: PupilSummary, urgency: Urgency) -> Bool {
    matcher(urgency).matches(s, searchKey: SearchWords.plainKey(s.searchKey))
  }

  /// The filter ready to test thousands of pupils: the search words are read once, not once per pupil.
  public func matcher(_ urgency: Urgency) -> Matcher { Matcher(filter: self, urgency: urgency) }

  public struct Matcher: Sendable {
    let filter: CaseloadFilter
    let urgency: Urgency
    let words: SearchWords

    init(filter: CaseloadFilter, urgency: Urgency) {
      self.filter = filter
      self.urgency = urgency
      words = SearchWords(filter.search)
    }

    /// `searchKey` is `SearchWords.plainKey(s.searchKey)`, which callers keep rather than make again.
    public func matches(_ s: PupilSummary, searchKey: [UInt8]) -> Bool {
      let f = filter
      if !f.includeLeavers, s.left != nil { return false }
      if !f.years.isEmpty, !f.years.contains(s.yearGroup(on: urgency.today).number) { return false }
      if !f.codes.isEmpty, !f.codes.contains(s.censusCode) { return false }
      if f.monitoringOnly, s.status != .monitoring { return false }
      if !f.needs.isEmpty || !f.areas.isEmpty {
        let pupilNeeds = [s.primaryNeed, s.secondaryNeed].compactMap { $0 }
        if !f.needs.isEmpty, !pupilNeeds.contains(where: f.needs.contains) { return false }
        if !f.areas.isEmpty, !pupilNeeds.contains(where: { f.areas.contains($0.area) }) {
          return false
        }
      }
      if !f.stages.isEmpty, !(s.stage.map(f.stages.contains) ?? false) { return false }
      if let days = f.dueWithinDays {
        guard let next = urgency.next(s), urgency.today.days(until: next.due) <= days else {
          return false
        }
      }
      if f.overdueOnly, !urgency.isOverdue(s) { return false }
      if !words.isEmpty, !words.matches(plainKey: searchKey) { return false }
      return true
    }
  }
}

/// What someone typed to find a pupil: every word must appear in the names or UPN, ignoring case, accents and
/// apostrophes ("oisin obrien" finds "Oisín O'Brien").
public struct SearchWords: Sendable {
  public let words: [String]
  let bytes: [[UInt8]]

  public init(_ typed: String) {
    words = Text.searchKey(typed).replacingOccurrences(of: "'", with: "").split(separator: " ").map(
      String.init)
    bytes = words.map { Array($0.utf8) }
  }

  public var isEmpty: Bool { words.isEmpty }

  /// `key` is a summary's `searchKey`.
  public func matches(_ key: String) -> Bool { matches(plainKey: Self.plainKey(key)) }

  /// A summary's search key as bytes without apostrophes, to keep beside the summary for fast matching.
  public static func plainKey(_ key: String) -> [UInt8] { key.utf8.filter { $0 != 0x27 } }

  /// Every word occurs in the key. Both are folded UTF-8, so a byte match is a character match.
  public func matches(plainKey key: [UInt8]) -> Bool {
    bytes.allSatisfy { Self.occurs($0, in: key) }
  }

  static func occurs(_ word: [UInt8], in key: [UInt8]) -> Bool {
    let n = word.count
    guard n > 0 else { return true }
    guard n <= key.count else { return false }
    return key.withUnsafeBufferPointer { k in
      word.withUnsafeBufferPointer { w in
        let first = w[0]
        var i = 0
        let last = k.count - n
        while i <= last {
          if k[i] == first {
            var j = 1
            while j < n && k[i + j] == w[j] { j += 1 }
            if j == n { return true }
          }
          i += 1
        }
        return false
      }
    }
  }
}
