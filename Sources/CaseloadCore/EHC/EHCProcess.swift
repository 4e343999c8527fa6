import Foundation

/// A pupil's dealings with the local authority over EHC needs assessments and plans.
public struct EHCProcess: Hashable, Codable, Sendable {
  public var requests: [EHCRequest]
  public var plan: EHCPlan?

  public init(requests: [EHCRequest] = [], plan: EHCPlan? = nil) {
    self.requests = requests
    self.plan = plan
  }

  /// The request still in progress, if any.
  public var openRequest: EHCRequest? { requests.last(where: { $0.isOpen }) }

  /// The latest request when the LA refused it and no request followed: when, and until when parents may
  /// appeal (nil once the appeal is lodged or the window has closed).
  public func refusal(on today: Day) -> (decided: Day, appealUntil: Day?)? {
    guard openRequest == nil, let last = requests.last, last.decision == .refuse,
      let decided = last.decisionDate
    else { return nil }
    let until = last.appealBy(decided)
    return (decided, last.appealLodged == nil && today <= until ? until : nil)
  }

  /// "The LA refused to assess on …: parents may appeal until …", for the overview and the EHC form.
  public func refusalText(on today: Day) -> String? {
    refusal(on: today).map { r in
      "The LA refused to assess on \(r.decided.british)"
        + (r.appealUntil.map {
          ": parents may appeal until \($0.british) (a mediation certificate first)."
        } ?? ".")
    }
  }
}

public enum Requester: String, Codable, Sendable, CaseIterable {
  case school, parent
}

/// The local authority's answer to a request.
public enum LADecision: String, Codable, Sendable, CaseIterable {
  case assess, refuse
}

/// One request for an EHC needs assessment and what followed it.
public struct EHCRequest: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var requestedBy: Requester
  public var requested: Day
  public var decision: LADecision?
  public var decisionDate: Day?
  public var adviceRequested: Day?
  public var adviceReturned: Day?
  public var draftIssued: Day?
  public var finalPlanIssued: Day?
  /// The LA's notice, after assessing, that it will not issue a plan.
  public var noPlanNotice: Day?
  public var appealLodged: Day?
  /// The mediation certificate after a refusal: the appeal may be made until a month after it, if later.
  public var mediationCertificate: Day?
  public var withdrawn: Day?

  public init(id: Int = 0, requestedBy: Requester, requested: Day) {
    self.id = id
    self.requestedBy = requestedBy
    self.requested = requested
  }

  public var isOpen: Bool {
    withdrawn == nil && finalPlanIssued == nil && noPlanNotice == nil && decision != .refuse
  }

  /// When the LA's assessment was carried out: the day it ended in a plan or a notice that none will be issued.
  /// A refusal, or a request withdrawn before that, assessed nothing.
  public var assessmentCarriedOut: Day? {
    guard decision == .assess else { return nil }
    return finalPlanIssued ?? noPlanNotice
  }
}

/// An EHC plan in force and its reviews.
public struct EHCPlan: Hashable, Codable, Sendable {
  public var issued: Day
  public var reviews: [EHCAnnualReview]
  public var ceased: Day?
  /// Set when the plan was issued before the school used Caseload and recorded as held, not through a request.
  public var held: HeldEHCPlan?

  public init(
    issued: Day, reviews: [EHCAnnualReview] = [], ceased: Day? = nil, held: HeldEHCPlan? = nil
  ) {
    self.issued = issued
    self.reviews = reviews
    self.ceased = ceased
    self.held = held
  }

  /// The day the next annual review is counted from, before any review recorded here: the issue, or the last
  /// review held before Caseload.
  public var reviewBase: Day { max(issued, held?.lastReview ?? issued) }
}

/// What a school knows of a plan it took on: who issued it, the last annual review before Caseload, and when it
/// was recorded here (statutory dates before that day are history, not deadlines).
public struct HeldEHCPlan: Hashable, Codable, Sendable {
  public var authority: String
  public var lastReview: Day?
  public var recorded: Day

  public init(authority: String, lastReview: Day?, recorded: Day) {
    self.authority = Text.clean(authority)
    self.lastReview = lastReview
    self.recorded = recorded
  }
}

/// What the LA decides after an annual review.
public enum EHCReviewOutcome: String, Codable, Sendable, CaseIterable {
  case keep, amend, cease
}

/// An annual (or early-years) review of an EHC plan.
public struct EHCAnnualReview: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var meeting: Day
  public var invitationsSent: Day?
  public var reportSent: Day?
  public var laDecision: EHCReviewOutcome?
  public var laDecisionDate: Day?
  public var amendmentsProposed: Day?
  public var amendedPlanIssued: Day?

  public init(id: Int = 0, meeting: Day) {
    self.id = id
    self.meeting = meeting
  }
}
