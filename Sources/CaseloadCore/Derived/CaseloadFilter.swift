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

  public func matches(_ s: PupilSummary, today: Day) -> Bool {
    if !includeLeavers, s.left != nil { return false }
    if !years.isEmpty, !years.contains(s.yearGroup(on: today).number) { return false }
    if !codes.isEmpty, !codes.contains(s.censusCode) { return false }
    if monitoringOnly, s.status != .monitoring { return false }
    let pupilNeeds = [s.primaryNeed, s.secondaryNeed].compactMap { $0 }
    if !needs.isEmpty, !pupilNeeds.contains(where: needs.contains) { return false }
    if !areas.isEmpty, !pupilNeeds.contains(where: { areas.contains($0.area) }) { return false }
    if !stages.isEmpty, !(s.stage.map(stages.contains) ?? false) { return false }
    if let days = dueWithinDays {
      guard let due = s.nextDue, today.days(until: due) <= days else { return false }
    }
    if overdueOnly {
      guard let due = s.nextDue, due < today else { return false }
    }
    if !search.isEmpty, !SearchWords(search).matches(s.searchKey) { return false }
    return true
  }
}

/// What someone typed to find a pupil: every word must appear in the names or UPN, ignoring case, accents and
/// apostrophes ("oisin obrien" finds "Oisín O'Brien").
public struct SearchWords: Sendable {
  public let words: [String]

  public init(_ typed: String) {
    words = Text.searchKey(typed).replacingOccurrences(of: "'", with: "").split(separator: " ").map(
      String.init)
  }

  public var isEmpty: Bool { words.isEmpty }

  /// `key` is a summary's `searchKey`.
  public func matches(_ key: String) -> Bool {
    let plain = key.replacingOccurrences(of: "'", with: "")
    return words.allSatisfy { plain.contains($0) }
  }
}
