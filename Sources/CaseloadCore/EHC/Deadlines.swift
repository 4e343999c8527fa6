import Foundation

/// Every dated obligation Caseload tracks, the agenda's kinds: plan reviews, the EHC statutory time limits, the
/// follow-ups and actions people entered, provision that ends, and the term's meeting with parents.
public enum DeadlineKind: String, Codable, Sendable, CaseIterable {
  case planReview = "plan-review"
  case followUp = "follow-up"
  case reviewAction = "action"
  case provisionEnd = "provision-end"
  case parentMeeting = "parent-meeting"
  case ehcDecision = "ehc-decision"
  case ehcAdvice = "ehc-advice"
  case ehcNoPlanNotice = "ehc-no-plan-notice"
  case ehcDraftComments = "ehc-draft-comments"
  case ehcFinalPlan = "ehc-final-plan"
  case ehcAppeal = "ehc-appeal"
  case ehcAnnualReview = "ehc-annual-review"
  case ehcReviewInvitations = "ehc-review-invitations"
  case ehcReviewReport = "ehc-review-report"
  case ehcReviewDecision = "ehc-review-decision"
  case ehcAmendedPlan = "ehc-amended-plan"
  case ehcPhaseTransfer = "ehc-phase-transfer"
  case ehcPlanDates = "ehc-plan-dates"

  /// What has to happen by the date, in a SENCo's words.
  public var title: String {
    switch self {
    case .planReview: return "SEN support plan review"
    case .followUp: return "follow-up"
    case .reviewAction: return "action agreed at a review"
    case .provisionEnd: return "provision ends: renew or stop it"
    case .parentMeeting: return "meeting with parents this term"
    case .ehcDecision: return "LA decides whether to assess"
    case .ehcAdvice: return "professionals' advice returned"
    case .ehcNoPlanNotice: return "LA notice if no plan will be issued"
    case .ehcDraftComments: return "parents' comments on the draft plan close"
    case .ehcFinalPlan: return "final EHC plan issued"
    case .ehcAppeal: return "parents' appeal against refusal to assess"
    case .ehcAnnualReview: return "EHC plan annual review"
    case .ehcReviewInvitations: return "annual review invitations sent"
    case .ehcReviewReport: return "school's annual review report sent"
    case .ehcReviewDecision: return "LA decides to keep, amend or end the plan"
    case .ehcAmendedPlan: return "amended EHC plan issued"
    case .ehcPhaseTransfer: return "amended plan for the phase transfer"
    case .ehcPlanDates: return "EHC plan dates missing"
    }
  }

  /// A window that closes rather than an obligation that can be missed.
  public var isWindow: Bool { self == .ehcDraftComments || self == .ehcAppeal }
  public var isEHC: Bool { rawValue.hasPrefix("ehc-") }
  /// Entered by a person (a follow-up date, an action) and closed by marking it done.
  public var isMarkedDone: Bool {
    self == .followUp || self == .reviewAction || self == .provisionEnd
  }
}

/// One item of a pupil's agenda, with the day it was met (or marked done) if it has been.
public struct Deadline: Hashable, Codable, Sendable {
  public var kind: DeadlineKind
  public var due: Day
  public var met: Day?
  public var detail: String
  /// What has to happen: the kind's title, or the words a person entered (an action, a follow-up).
  public var title: String
  /// Who agreed to do it (an action's owner), or empty.
  public var owner: String
  /// The record the item opens, and the key that marks it done.
  public var ref: AgendaRef

  public init(
    kind: DeadlineKind, due: Day, met: Day? = nil, detail: String = "", title: String? = nil,
    owner: String = "", ref: AgendaRef = .none
  ) {
    self.kind = kind
    self.due = due
    self.met = met
    self.detail = detail
    self.title = title ?? kind.title
    self.owner = owner
    self.ref = ref
  }

  /// Identifies the item across rebuilds: the same obligation keeps it when its date moves.
  public func key(pupil: AggregateID) -> String {
    let tail = ref == .none ? detail : ref.rawValue
    return "\(pupil.rawValue)/\(kind.rawValue)/\(tail)"
  }

  /// Where the deadline stands on `today`.
  public func status(on today: Day) -> DeadlineStatus {
    if let met, met <= today {
      return met <= due ? .met(met) : .metLate(met, days: due.days(until: met))
    }
    let days = today.days(until: due)
    if days < 0 { return kind.isWindow ? .closed : .missed(days: -days) }
    return .due(inDays: days)
  }
}

public enum DeadlineStatus: Hashable, Sendable, CustomStringConvertible {
  case met(Day)
  case metLate(Day, days: Int)
  case missed(days: Int)
  case due(inDays: Int)
  case closed

  public var isOpen: Bool {
    switch self {
    case .missed, .due: return true
    default: return false
    }
  }

  public var description: String {
    switch self {
    case .met(let d): return "met \(d.british)"
    case .metLate(let d, let n): return "met \(d.british), \(n) day\(n == 1 ? "" : "s") late"
    case .missed(let n): return "missed by \(n) day\(n == 1 ? "" : "s")"
    case .due(0): return "due today"
    case .due(let n): return "due in \(n) day\(n == 1 ? "" : "s")"
    case .closed: return "closed"
    }
  }
}

/// The statutory time limits, in one place.
public enum StatutoryLimits {
  public static let decisionWeeks = 6
  public static let adviceWeeks = 6
  public static let noPlanNoticeWeeks = 16
  public static let draftCommentDays = 15
  public static let finalPlanWeeks = 20
  public static let appealMonths = 2
  public static let appealAfterMediationMonths = 1
  public static let repeatRequestMonths = 6
  public static let annualReviewMonths = 12
  public static let underFiveReviewMonths = 6
  public static let invitationsBeforeMeetingWeeks = 2
  public static let reportAfterMeetingWeeks = 2
  public static let reviewDecisionWeeks = 4
  public static let amendedPlanWeeks = 8
  /// Year groups a pupil leaves for a new phase: nursery to Reception, primary to secondary, and
  /// secondary to post-16 (whose deadline is 31 March, not 15 February).
  public static let phaseTransferYears = [-1, 6, 11]

  /// Where a pupil goes after `year`, in a SENCo's words: "Reception", "junior school", "Year 5".
  public static func phaseAfter(_ year: Int) -> String {
    switch year {
    case -1: return "Reception"
    case 2: return "junior school (Year 3)"
    case 6: return "secondary school"
    case 11: return "post-16"
    default: return "the next school (Year \(year + 1))"
    }
  }
}

extension Pupil {
  /// Every deadline of the pupil, met or not, from the record and the year groups after which the school's
  /// pupils change phase (`SchoolSettings.transferYears`).
  public func deadlines(transfers: [Int]) -> [Deadline] {
    var out: [Deadline] = []
    for cycle in cycles {
      // A plan whose pupil has left the register has no review to hold.
      if cycle.review == nil, openPeriod == nil { continue }
      if let due = cycle.plan.reviewDate {
        out.append(
          Deadline(
            kind: .planReview, due: due, met: cycle.review?.date, detail: "cycle \(cycle.id)",
            ref: .cycle(cycle.id)))
      }
    }
    for request in ehc.requests {
      out += request.deadlines.map {
        var d = $0
        d.ref = .ehc
        return d
      }
    }
    if let plan = ehc.plan {
      out += planDeadlines(plan, transfers: transfers).map {
        var d = $0
        d.ref = .ehc
        return d
      }
    }
    if let missing = ehcPlanDatesMissing { out.append(missing) }
    out += enteredItems
    return out.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
  }

  private func planDeadlines(_ plan: EHCPlan, transfers: [Int]) -> [Deadline] {
    typealias L = StatutoryLimits
    var out: [Deadline] = []
    var base = plan.reviewBase
    let reviews = plan.reviews.sorted { $0.meeting < $1.meeting }
    func interval(from day: Day) -> Int { ehcReviewMonths(from: day) }
    for r in reviews {
      out.append(
        Deadline(
          kind: .ehcAnnualReview, due: base.adding(months: interval(from: base)), met: r.meeting))
      out.append(
        Deadline(
          kind: .ehcReviewInvitations,
          due: r.meeting.adding(weeks: -L.invitationsBeforeMeetingWeeks),
          met: r.invitationsSent, detail: "for the review on \(r.meeting.british)"))
      out.append(
        Deadline(
          kind: .ehcReviewReport, due: r.meeting.adding(weeks: L.reportAfterMeetingWeeks),
          met: r.reportSent,
          detail: "for the review on \(r.meeting.british)"))
      out.append(
        Deadline(
          kind: .ehcReviewDecision, due: r.meeting.adding(weeks: L.reviewDecisionWeeks),
          met: r.laDecisionDate,
          detail: "for the review on \(r.meeting.british)"))
      if let proposed = r.amendmentsProposed {
        out.append(
          Deadline(
            kind: .ehcAmendedPlan, due: proposed.adding(weeks: L.amendedPlanWeeks),
            met: r.amendedPlanIssued,
            detail: "amendments proposed \(proposed.british)"))
      }
      base = r.meeting
    }
    if plan.ceased == nil {
      out.append(Deadline(kind: .ehcAnnualReview, due: base.adding(months: interval(from: base))))
    }
    for year in transfers where (-1...13).contains(year) {
      let schoolYear = YearGroup(year).schoolYear(
        forDateOfBirth: dateOfBirth, offset: yearGroupOffset)
      // 15 February of the year of the move; 31 March for the move to post-16.
      guard
        let due = Day(
          year: schoolYear.startYear + 1, month: year == 11 ? 3 : 2, day: year == 11 ? 31 : 15)
      else { continue }
      guard plan.issued < due, plan.ceased.map({ $0 > due }) ?? true else { continue }
      // A transfer that fell before a held plan was recorded is history the school did not keep here.
      if let held = plan.held, due < held.recorded { continue }
      let amended = reviews.compactMap(\.amendedPlanIssued).filter { schoolYear.contains($0) }.min()
      let next = L.phaseAfter(year)
      out.append(
        Deadline(kind: .ehcPhaseTransfer, due: due, met: amended, detail: "move to \(next)"))
    }
    return out
  }
}

extension Pupil {
  /// Months between EHC plan reviews from `day`: six while the child is under five, else twelve.
  public func ehcReviewMonths(from day: Day) -> Int {
    age(on: day) < 5 ? StatutoryLimits.underFiveReviewMonths : StatutoryLimits.annualReviewMonths
  }

  /// A pupil on E (from the MIS, or an older record) with no plan recorded has no statutory dates at all: an
  /// item, from the day E began, until the plan is recorded as held.
  var ehcPlanDatesMissing: Deadline? {
    guard status == .ehcPlan, ehc.plan?.ceased != nil || ehc.plan == nil, let period = openPeriod
    else { return nil }
    return Deadline(
      kind: .ehcPlanDates, due: period.start,
      detail: "on an EHC plan (E) since \(period.start.british) with no plan recorded",
      title: "EHC plan dates missing: record the plan as held", ref: .ehc)
  }
}

extension EHCRequest {
  /// The statutory dates that run from this request.
  public var deadlines: [Deadline] {
    typealias L = StatutoryLimits
    let from = "request of \(requested.british)"
    var out = [Deadline(kind: .ehcDecision, due: decideBy, met: decisionDate, detail: from)]
    // A request withdrawn before the LA decided leaves nothing for the LA to do.
    if withdrawn != nil { return decisionDate == nil ? [] : out }
    if let asked = adviceRequested {
      out.append(
        Deadline(kind: .ehcAdvice, due: asked.adding(weeks: L.adviceWeeks), met: adviceReturned))
    }
    if decision == .refuse, let decided = decisionDate {
      out.append(
        Deadline(kind: .ehcAppeal, due: appealBy(decided), met: appealLodged, detail: from))
      return out
    }
    if finalPlanIssued == nil {
      out.append(
        Deadline(
          kind: .ehcNoPlanNotice, due: requested.adding(weeks: L.noPlanNoticeWeeks),
          met: noPlanNotice ?? draftIssued, detail: from))
    }
    if let draft = draftIssued {
      out.append(
        Deadline(kind: .ehcDraftComments, due: draft.adding(days: L.draftCommentDays), met: nil))
    }
    if noPlanNotice == nil {
      out.append(
        Deadline(kind: .ehcFinalPlan, due: finalPlanBy, met: finalPlanIssued, detail: from))
    }
    return out
  }

  public var decideBy: Day { requested.adding(weeks: StatutoryLimits.decisionWeeks) }
  public var noPlanNoticeBy: Day { requested.adding(weeks: StatutoryLimits.noPlanNoticeWeeks) }
  public var finalPlanBy: Day { requested.adding(weeks: StatutoryLimits.finalPlanWeeks) }
  /// Two months from the decision, or one month from a mediation certificate, whichever is later.
  public func appealBy(_ decision: Day) -> Day {
    let fromDecision = decision.adding(months: StatutoryLimits.appealMonths)
    guard let certificate = mediationCertificate else { return fromDecision }
    return max(fromDecision, certificate.adding(months: StatutoryLimits.appealAfterMediationMonths))
  }
}
