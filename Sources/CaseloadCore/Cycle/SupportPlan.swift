import Foundation

/// The SEN support plan of one cycle.
public struct SupportPlan: Hashable, Codable, Sendable {
  public var profile: PupilProfile
  public var outcomes: [Outcome]
  public var provision: [Provision]
  public var strategies: [String]
  public var participants: [Participant]
  public var pupilVoice: String
  public var parentViews: String
  public var agreement: Agreement?
  public var reviewDate: Day?
  public var trainingNeeds: String

  public init(
    profile: PupilProfile = PupilProfile(), outcomes: [Outcome] = [], provision: [Provision] = [],
    strategies: [String] = [], participants: [Participant] = [], pupilVoice: String = "",
    parentViews: String = "", agreement: Agreement? = nil, reviewDate: Day? = nil,
    trainingNeeds: String = ""
  ) {
    self.profile = profile
    self.outcomes = outcomes
    self.provision = provision
    self.strategies = strategies
    self.participants = participants
    self.pupilVoice = pupilVoice
    self.parentViews = parentViews
    self.agreement = agreement
    self.reviewDate = reviewDate
    self.trainingNeeds = trainingNeeds
  }

  /// The cost of all provision in the plan.
  public var totalCost: Money { provision.reduce(Money.zero) { $0 + $1.costPerPupil } }
}

/// A short pupil profile: what helps and what doesn't.
public struct PupilProfile: Hashable, Codable, Sendable {
  public var strengths: String
  public var needs: String
  public var whatWorks: String
  public var whatDoesNot: String

  public init(
    strengths: String = "", needs: String = "", whatWorks: String = "", whatDoesNot: String = ""
  ) {
    self.strengths = strengths
    self.needs = needs
    self.whatWorks = whatWorks
    self.whatDoesNot = whatDoesNot
  }
}

/// A SMART outcome tied to an area of need.
public struct Outcome: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var area: NeedArea
  public var text: String
  public var successCriteria: String
  public var targetDate: Day?
  /// The outcome of the previous cycle this one carries forward.
  public var carriedFrom: Int?

  public init(
    id: Int = 0, area: NeedArea, text: String, successCriteria: String = "", targetDate: Day? = nil,
    carriedFrom: Int? = nil
  ) {
    self.id = id
    self.area = area
    self.text = Text.cleanMultiline(text)
    self.successCriteria = Text.cleanMultiline(successCriteria)
    self.targetDate = targetDate
    self.carriedFrom = carriedFrom
  }
}

/// An intervention and what it takes to deliver it.
public struct Provision: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var intervention: String
  public var deliveredBy: String
  public var sessionsPerWeek: Int
  public var minutesPerSession: Int
  public var groupSize: Int
  public var weeks: Int
  public var staffRole: String
  public var hourlyRate: Money
  public var start: Day?
  public var outcomeIDs: [Int]
  /// When the SENCo marked its end dealt with (renewed or stopped): it then leaves the agenda.
  public var endReviewed: Day?
  /// A package bought at a price (a licence, an outside service) instead of staff time at an hourly rate.
  public var price: FixedPrice?

  public init(
    id: Int = 0, intervention: String, deliveredBy: String = "", sessionsPerWeek: Int,
    minutesPerSession: Int,
    groupSize: Int = 1, weeks: Int, staffRole: String = "", hourlyRate: Money, start: Day? = nil,
    outcomeIDs: [Int] = []
  ) {
    self.id = id
    self.intervention = Text.clean(intervention)
    self.deliveredBy = Text.clean(deliveredBy)
    self.sessionsPerWeek = sessionsPerWeek
    self.minutesPerSession = minutesPerSession
    self.groupSize = groupSize
    self.weeks = weeks
    self.staffRole = Text.clean(staffRole)
    self.hourlyRate = hourlyRate
    self.start = start
    self.outcomeIDs = outcomeIDs
  }

  /// sessions × hours × weeks × rate ÷ group size, or the fixed price (a group's divided by its size), to the
  /// nearest penny. Zero for numbers no form would accept (a damaged record), so a total never traps.
  public var costPerPupil: Money {
    guard numbersInRange else { return .zero }
    if let price {
      guard (0...Self.largestPrice).contains(price.amount.pence) else { return .zero }
      return price.basis == .perPupil
        ? price.amount : Money(pence: (2 * price.amount.pence + groupSize) / (2 * groupSize))
    }
    guard (0...Self.largestRate).contains(hourlyRate.pence) else { return .zero }
    let numerator = sessionsPerWeek * minutesPerSession * weeks * hourlyRate.pence
    let denominator = 60 * groupSize
    return Money(pence: (2 * numerator + denominator) / (2 * denominator))
  }

  /// £10,000 an hour and £1,000,000 a package: beyond any school's provision, and far from overflow.
  public static let largestRate = 1_000_000
  public static let largestPrice = 100_000_000

  /// How the cost is worked out, in words: "Teaching assistant, £16.50 an hour" or "£450.00 for the group".
  public var pricing: String {
    if let price {
      return price.basis == .perPupil ? "\(price.amount) a pupil" : "\(price.amount) for the group"
    }
    return (staffRole.isEmpty ? "" : "\(staffRole), ") + "\(hourlyRate) an hour"
  }

  /// "3 × 30 min × 12 weeks × £16.50 ÷ 3", "£450.00 ÷ 3", "£120.00 a pupil": the sum behind the cost.
  public var costSum: String {
    if let price {
      return price.basis == .perPupil
        ? "\(price.amount) a pupil"
        : "\(price.amount)" + (groupSize == 1 ? "" : " ÷ \(groupSize)")
    }
    return "\(sessionsPerWeek) × \(minutesPerSession) min × \(weeks) weeks × \(hourlyRate)"
      + (groupSize == 1 ? "" : " ÷ \(groupSize)")
  }

  /// Whether the schedule and group are numbers a form accepts.
  var numbersInRange: Bool {
    (1...50).contains(sessionsPerWeek) && (1...480).contains(minutesPerSession)
      && (1...60).contains(groupSize) && (1...52).contains(weeks)
  }

  /// Why these numbers cannot be a real intervention, or nil.
  public var problem: String? {
    if intervention.isEmpty { return "An intervention needs a name." }
    if !(1...50).contains(sessionsPerWeek) { return "Sessions a week must be between 1 and 50." }
    if !(1...480).contains(minutesPerSession) {
      return "Minutes a session must be between 1 and 480."
    }
    if !(1...60).contains(groupSize) { return "Group size must be between 1 and 60." }
    if !(1...52).contains(weeks) { return "Weeks must be between 1 and 52." }
    if hourlyRate.pence < 0 { return "An hourly rate cannot be negative." }
    if hourlyRate.pence > Self.largestRate { return "An hourly rate must be at most £10,000." }
    if let price, !(0...Self.largestPrice).contains(price.amount.pence) {
      return "A price must be between £0 and £1,000,000."
    }
    return nil
  }
}

/// A provision's price when it is bought as a package: for each pupil, or for the whole group (shared out).
public struct FixedPrice: Hashable, Codable, Sendable {
  public enum Basis: String, Codable, Sendable, CaseIterable {
    case perPupil = "per-pupil"
    case forGroup = "for-group"
  }
  public var amount: Money
  public var basis: Basis

  public init(_ amount: Money, _ basis: Basis) {
    self.amount = amount
    self.basis = basis
  }
}

/// An amount in pounds and pence.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public var pence: Int
  public init(pence: Int) { self.pence = pence }
  public static let zero = Money(pence: 0)
  public static func + (a: Money, b: Money) -> Money { Money(pence: a.pence + b.pence) }
  public static func < (a: Money, b: Money) -> Bool { a.pence < b.pence }

  /// `£1,234.56`
  public var description: String {
    let sign = pence < 0 ? "-" : ""
    let p = abs(pence)
    var pounds = String(p / 100)
    var grouped = ""
    while pounds.count > 3 {
      grouped = "," + pounds.suffix(3) + grouped
      pounds = String(pounds.dropLast(3))
    }
    let pp = p % 100
    return "\(sign)£\(pounds)\(grouped).\(pp < 10 ? "0" : "")\(pp)"
  }

  /// Reads `£1,234.50`, `1234.5`, `12`.
  public init?(typed text: String) {
    var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
    if t.hasPrefix("£") { t.removeFirst() }
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let pounds = Int(parts[0]), pounds >= 0,
      pounds < 10_000_000
    else {
      return nil
    }
    var p = pounds * 100
    if parts.count == 2 {
      let frac = parts[1]
      guard (1...2).contains(frac.count), frac.allSatisfy(\.isNumber), let f = Int(frac) else {
        return nil
      }
      p += frac.count == 1 ? f * 10 : f
    }
    self.pence = p
  }

  public init(from decoder: any Decoder) throws {
    pence = try decoder.singleValueContainer().decode(Int.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(pence)
  }
}

/// Who took part in planning or a review.
public struct Participant: Hashable, Codable, Sendable {
  public var role: ParticipantRole
  public var name: String
  public init(role: ParticipantRole, name: String) {
    self.role = role
    self.name = Text.clean(name)
  }
}

public enum ParticipantRole: String, Codable, Sendable, CaseIterable {
  case senco
  case classTeacher = "class-teacher"
  case parentCarer = "parent-carer"
  case pupil
  case
    teachingAssistant = "teaching-assistant"
  case outsideProfessional = "outside-professional"
  case other

  public var title: String {
    switch self {
    case .senco: return "SENCo"
    case .classTeacher: return "class teacher"
    case .parentCarer: return "parent/carer"
    case .pupil: return "pupil"
    case .teachingAssistant: return "teaching assistant"
    case .outsideProfessional: return "outside professional"
    case .other: return "other"
    }
  }
}

/// The parents' and pupil's agreement to the plan, which lets support begin.
public struct Agreement: Hashable, Codable, Sendable {
  public var agreedBy: String
  public var on: Day
  public init(agreedBy: String, on: Day) {
    self.agreedBy = Text.clean(agreedBy)
    self.on = on
  }
}
