/// Where a pupil stands: schools' internal monitoring state, SEN support or an EHC plan.
/// Having no open period means no SEN (census N).
public enum SENStatus: String, Codable, Sendable, CaseIterable {
  case monitoring
  case senSupport = "sen-support"
  case ehcPlan = "ehc-plan"

  public var censusCode: CensusCode {
    switch self {
    case .monitoring: return .N
    case .senSupport: return .K
    case .ehcPlan: return .E
    }
  }

  public var title: String {
    switch self {
    case .monitoring: return "monitoring"
    case .senSupport: return "SEN support"
    case .ehcPlan: return "EHC plan"
    }
  }
}

/// One stretch of a pupil's SEN history. Only one period is open (no `end`) at a time.
public struct SENPeriod: Hashable, Codable, Sendable {
  public var status: SENStatus
  public var start: Day
  public var end: Day?
  /// Ranked types of need: the first is primary, the second secondary.
  public var needs: [NeedType]
  /// When parents were formally told their child is receiving SEN support.
  public var parentsInformed: Day?

  public init(
    status: SENStatus, start: Day, end: Day? = nil, needs: [NeedType] = [],
    parentsInformed: Day? = nil
  ) {
    self.status = status
    self.start = start
    self.end = end
    self.needs = needs
    self.parentsInformed = parentsInformed
  }

  public var isOpen: Bool { end == nil }
}
