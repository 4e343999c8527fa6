import Foundation

/// The stages of the graduated approach.
public enum Stage: String, Codable, Sendable, CaseIterable, Comparable {
  case assess, plan, `do`, review

  public var title: String { rawValue.capitalized }
  public static func < (a: Stage, b: Stage) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One assess–plan–do–review cycle.
public struct Cycle: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var stage: Stage
  /// The day each stage was entered.
  public var assessFrom: Day
  public var planFrom: Day?
  public var doFrom: Day?
  public var reviewFrom: Day?
  /// Set when the review is recorded: the cycle is then over.
  public var closed: Day?
  public var assessment: Assessment
  public var plan: SupportPlan
  public var delivery: [DeliveryNote]
  public var review: Review?

  public init(id: Int, started: Day, plan: SupportPlan = SupportPlan()) {
    self.id = id
    self.stage = .assess
    self.assessFrom = started
    self.assessment = Assessment()
    self.plan = plan
    self.delivery = []
  }

  public var isClosed: Bool { closed != nil }

  public func entered(_ stage: Stage) -> Day? {
    switch stage {
    case .assess: return assessFrom
    case .plan: return planFrom
    case .do: return doFrom
    case .review: return reviewFrom
    }
  }
}

/// What the assess stage gathers: the analysis of need.
public struct Assessment: Hashable, Codable, Sendable {
  public var teacherAssessment: String
  public var progressAndAttainment: String
  public var comparisonWithPeers: String
  public var parentConcerns: String
  public var pupilViews: String
  public var outsideAdvice: String
  /// The day the school decided the pupil has SEN.
  public var senDecision: Day?

  public init(
    teacherAssessment: String = "", progressAndAttainment: String = "",
    comparisonWithPeers: String = "",
    parentConcerns: String = "", pupilViews: String = "", outsideAdvice: String = "",
    senDecision: Day? = nil
  ) {
    self.teacherAssessment = teacherAssessment
    self.progressAndAttainment = progressAndAttainment
    self.comparisonWithPeers = comparisonWithPeers
    self.parentConcerns = parentConcerns
    self.pupilViews = pupilViews
    self.outsideAdvice = outsideAdvice
    self.senDecision = senDecision
  }
}

/// A line in the do stage's log: an intervention delivered and how it went.
public struct DeliveryNote: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var date: Day
  public var provisionID: Int?
  public var note: String

  public init(id: Int = 0, date: Day, provisionID: Int? = nil, note: String) {
    self.id = id
    self.date = date
    self.provisionID = provisionID
    self.note = Text.cleanMultiline(note)
  }
}
