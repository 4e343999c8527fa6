import Foundation

/// How an outcome went, on the school's chosen scale.
public enum Rating: Hashable, Codable, Sendable {
  case achieved, partlyAchieved, notAchieved
  /// −2 … +2, where 0 is the progress expected.
  case scale(Int)

  public var title: String {
    switch self {
    case .achieved: return "achieved"
    case .partlyAchieved: return "partly achieved"
    case .notAchieved: return "not yet achieved"
    case .scale(let n): return n > 0 ? "+\(n)" : "\(n)"
    }
  }

  /// Whether the outcome is met and need not be carried into the next cycle.
  public var isAchieved: Bool {
    switch self {
    case .achieved: return true
    case .scale(let n): return n >= 1
    default: return false
    }
  }

  public var code: String {
    switch self {
    case .achieved: return "achieved"
    case .partlyAchieved: return "partly"
    case .notAchieved: return "not-yet"
    case .scale(let n): return n > 0 ? "+\(n)" : "\(n)"
    }
  }

  public init?(code: String) {
    switch code.lowercased() {
    case "achieved": self = .achieved
    case "partly", "partly-achieved": self = .partlyAchieved
    case "not-yet", "not-achieved", "notyet": self = .notAchieved
    default:
      guard let n = Int(code.hasPrefix("+") ? String(code.dropFirst()) : code), (-2...2).contains(n)
      else {
        return nil
      }
      self = .scale(n)
    }
  }

  public init(from decoder: any Decoder) throws {
    let s = try decoder.singleValueContainer().decode(String.self)
    guard let r = Rating(code: s) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "Rating \(s)"))
    }
    self = r
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(code)
  }
}

/// The school's rating scale for outcomes.
public enum RatingScale: String, Codable, Sendable, CaseIterable {
  case achievedPartlyNotYet = "achieved-partly-not-yet"
  case minusTwoToPlusTwo = "minus-two-to-plus-two"

  public var ratings: [Rating] {
    switch self {
    case .achievedPartlyNotYet: return [.achieved, .partlyAchieved, .notAchieved]
    case .minusTwoToPlusTwo: return (-2...2).map { .scale($0) }
    }
  }
}

public struct OutcomeRating: Hashable, Codable, Sendable {
  public var outcomeID: Int
  public var rating: Rating
  public var note: String
  public init(outcomeID: Int, rating: Rating, note: String = "") {
    self.outcomeID = outcomeID
    self.rating = rating
    self.note = Text.cleanMultiline(note)
  }
}

/// The overall judgement of progress at a review, which escalation rests on.
public enum Progress: String, Codable, Sendable, CaseIterable {
  case betterThanExpected = "better-than-expected"
  case expected
  case lessThanExpected = "less-than-expected"

  public var title: String {
    switch self {
    case .betterThanExpected: return "better than expected"
    case .expected: return "as expected"
    case .lessThanExpected: return "less than expected"
    }
  }
}

/// What the review decided.
public enum ReviewDecision: String, Codable, Sendable, CaseIterable {
  case `continue`
  case stepUp = "step-up"
  case stepDown = "step-down"
  case removeFromRegister = "remove"
  case
    requestEHCAssessment = "request-ehc"

  public var title: String {
    switch self {
    case .continue: return "continue"
    case .stepUp: return "step support up"
    case .stepDown: return "step support down"
    case .removeFromRegister: return "remove from the SEN register"
    case .requestEHCAssessment: return "request an EHC needs assessment"
    }
  }
}

/// A recorded review: progress against each outcome, the views, and the decision.
public struct Review: Hashable, Codable, Sendable {
  public var date: Day
  public var ratings: [OutcomeRating]
  public var progress: Progress
  public var pupilViews: String
  public var parentViews: String
  /// Whether the support is what the pupil needs, in the words of the meeting.
  public var supportRight: String
  public var decision: ReviewDecision
  public var participants: [Participant]
  /// What the meeting agreed someone will do, by when.
  public var actions: [ReviewAction]

  public init(
    date: Day, ratings: [OutcomeRating], progress: Progress, pupilViews: String = "",
    parentViews: String = "",
    supportRight: String = "", decision: ReviewDecision, participants: [Participant] = [],
    actions: [ReviewAction] = []
  ) {
    self.actions = actions
    self.date = date
    self.ratings = ratings
    self.progress = progress
    self.pupilViews = Text.cleanMultiline(pupilViews)
    self.parentViews = Text.cleanMultiline(parentViews)
    self.supportRight = Text.cleanMultiline(supportRight)
    self.decision = decision
    self.participants = participants
  }

  public func rating(for outcomeID: Int) -> Rating? {
    ratings.first(where: { $0.outcomeID == outcomeID })?.rating
  }

  enum CodingKeys: String, CodingKey {
    case date, ratings, progress, pupilViews, parentViews, supportRight, decision, participants
    case actions
  }

  /// Reviews recorded before actions were kept have none.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    date = try c.decode(Day.self, forKey: .date)
    ratings = try c.decode([OutcomeRating].self, forKey: .ratings)
    progress = try c.decode(Progress.self, forKey: .progress)
    pupilViews = try c.decode(String.self, forKey: .pupilViews)
    parentViews = try c.decode(String.self, forKey: .parentViews)
    supportRight = try c.decode(String.self, forKey: .supportRight)
    decision = try c.decode(ReviewDecision.self, forKey: .decision)
    participants = try c.decode([Participant].self, forKey: .participants)
    actions = try c.decodeIfPresent([ReviewAction].self, forKey: .actions) ?? []
  }
}

/// Something a review meeting agreed: what, who does it, and by when.
public struct ReviewAction: Hashable, Codable, Sendable {
  public var text: String
  public var owner: String
  public var due: Day?
  /// When it was marked done.
  public var done: Day?

  public init(text: String, owner: String, due: Day? = nil, done: Day? = nil) {
    self.text = Text.clean(text)
    self.owner = Text.clean(owner)
    self.due = due
    self.done = done
  }
}
