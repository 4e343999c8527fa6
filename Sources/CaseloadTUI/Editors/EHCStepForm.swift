import CaseloadCore
import CaseloadText
import TerminalUI

/// Records a step of the EHC process (a request, the LA's decision, advice, the draft and final plan, an appeal,
/// annual reviews, the plan ending) with its date. The form lists where the process stands and every statutory
/// date still open, so the SENCo sees what the step answers.
enum EHCStepForm {
  /// The steps in the order they usually come.
  enum Step: String, CaseIterable, Sendable {
    case requestBySchool = "Request an EHC needs assessment (school)"
    case requestByParent = "Request an EHC needs assessment (parent)"
    case decidedToAssess = "LA decided to assess"
    case refusedToAssess = "LA refused to assess"
    case adviceRequested = "Advice requested from professionals"
    case adviceReturned = "Advice returned"
    case draftIssued = "Draft plan issued"
    case finalIssued = "Final EHC plan issued"
    case heldPlan = "EHC plan already held (issued before Caseload)"
    case noPlanNotice = "LA notice: no plan will be issued"
    case mediation = "Mediation certificate issued"
    case appeal = "Parents appealed"
    case withdrawn = "Request withdrawn"
    case annualReview = "Annual review meeting on"
    case invitationsSent = "Annual review: invitations sent"
    case reportSent = "Annual review: school's report sent to the LA"
    case keepPlan = "Annual review: LA decided to keep the plan"
    case amendPlan = "Annual review: LA decided to amend the plan (amendments proposed)"
    case amendmentNotice = "Annual review: LA sent its proposed amendments"
    case ceasePlan = "Annual review: LA decided to cease the plan"
    case amendedIssued = "Amended plan issued"
    case ceasedToSupport = "Plan ended: SEN support continues"
    case ceasedToNone = "Plan ended: no longer on the SEN register"

    func edit(
      on day: Day, pupil: Pupil, needs: [NeedType]? = nil, held: (String, Day?) = ("", nil)
    ) throws -> PupilEdit {
      /// The latest annual review, changed by `change`.
      func review(_ change: (inout EHCAnnualReview) -> Void) throws -> PupilEdit {
        guard var r = pupil.ehc.plan?.reviews.last else {
          throw EditError("Record the annual review meeting first (“Annual review meeting on”).")
        }
        change(&r)
        return .updateAnnualReview(r)
      }
      switch self {
      case .invitationsSent: return try review { $0.invitationsSent = day }
      case .reportSent: return try review { $0.reportSent = day }
      case .keepPlan, .amendPlan, .ceasePlan:
        let outcome: EHCReviewOutcome =
          self == .keepPlan ? .keep : self == .amendPlan ? .amend : .cease
        return try review {
          $0.laDecision = outcome
          $0.laDecisionDate = day
          // The decision to amend comes with the proposed amendments: the amended plan is due 8 weeks on.
          if outcome == .amend, $0.amendmentsProposed == nil { $0.amendmentsProposed = day }
        }
      case .amendmentNotice: return .recordAmendmentNotice(on: day)
      case .amendedIssued: return try review { $0.amendedPlanIssued = day }
      case .requestBySchool: return .requestEHCAssessment(by: .school, on: day)
      case .requestByParent: return .requestEHCAssessment(by: .parent, on: day)
      case .decidedToAssess: return .recordLADecision(.assess, on: day)
      case .refusedToAssess: return .recordLADecision(.refuse, on: day)
      case .adviceRequested: return .recordAdviceRequested(on: day)
      case .adviceReturned: return .recordAdviceReturned(on: day)
      case .draftIssued: return .recordDraftPlan(on: day)
      case .finalIssued: return .recordFinalPlan(on: day, needs: needs)
      case .heldPlan:
        return .recordHeldEHCPlan(
          issued: day, authority: held.0, lastReview: held.1, needs: needs)
      case .noPlanNotice: return .recordNoPlanNotice(on: day)
      case .appeal: return .recordAppeal(on: day)
      case .mediation: return .recordMediationCertificate(on: day)
      case .withdrawn: return .withdrawEHCRequest(on: day)
      case .annualReview: return .scheduleAnnualReview(meeting: day)
      case .ceasedToSupport: return .ceaseEHCPlan(on: day, then: .senSupport)
      case .ceasedToNone: return .ceaseEHCPlan(on: day, then: nil)
      }
    }
  }

  /// The step that most likely comes next, to start the form on.
  static func likelyNext(_ p: Pupil, today: Day) -> Step {
    // After a refusal, while the appeal is open: mediation first, then the appeal; not a new request.
    if p.ehc.refusal(on: today)?.appealUntil != nil {
      return p.ehc.requests.last?.mediationCertificate == nil ? .mediation : .appeal
    }
    if let r = p.ehc.openRequest {
      if r.decision == nil { return .decidedToAssess }
      if r.adviceRequested == nil { return .adviceRequested }
      if r.adviceReturned == nil { return .adviceReturned }
      if r.draftIssued == nil { return .draftIssued }
      return .finalIssued
    }
    if p.status == .ehcPlan, p.ehc.plan == nil { return .heldPlan }
    guard let plan = p.ehc.plan, plan.ceased == nil else { return .requestBySchool }
    guard let r = plan.reviews.last else { return .annualReview }
    if r.invitationsSent == nil { return .invitationsSent }
    if r.reportSent == nil { return .reportSent }
    if r.laDecision == nil { return .keepPlan }
    if r.laDecision == .amend, r.amendedPlanIssued == nil { return .amendedIssued }
    return .annualReview
  }

  /// "Open: LA decides whether to assess — due 25/12/2026 (due in 26 days)"
  static func standing(_ p: Pupil, today: Day, settings: SchoolSettings) -> [String] {
    if p.status == .ehcPlan, p.ehc.plan == nil {
      return [
        "On an EHC plan (E) with no plan recorded: record it as held, with its issue date (Date), the local authority and the last annual review."
      ]
    }
    let refusal = p.ehc.refusalText(on: today).map { [$0] } ?? []
    let open = p.deadlines(transfers: settings.transferYears).filter {
      $0.kind.isEHC && $0.status(on: today).isOpen
    }
    .sorted { $0.due < $1.due }
    guard !open.isEmpty else {
      return refusal.isEmpty
        ? [
          p.ehc.plan.map { "EHC plan issued \($0.issued.british); no statutory date open." }
            ?? "No EHC request in progress."
        ] : refusal
    }
    return refusal
      + open.map {
        "\($0.kind.title.capitalizedFirst) — by \($0.due.british) (\($0.status(on: today)))"
      }
  }

  static let noNeed = "—"

  static func spec(_ pupil: Pupil?, _ context: EditorContext) -> FormSpec {
    let today = context.today
    let settings = context.settings
    let choices = Step.allCases.map { ChoicePicker.Choice($0.rawValue) }
    let lines = pupil.map { Self.standing($0, today: today, settings: settings) } ?? []
    var fields = [
      FormField(
        id: "step", label: "Step", kind: .choice(choices),
        value: pupil.map { likelyNext($0, today: today).rawValue } ?? Step.requestBySchool.rawValue,
        required: true),
      FormField(
        id: "date", label: "Date", value: today.british, required: true,
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
    ]
    // A pupil not yet on the register (N or monitoring) has no need recorded: a final plan moves them to E
    // in the same step, with the need it names.
    let needsAsked = pupil.map { $0.needs.isEmpty || $0.needs == [.NSA] } ?? false
    if needsAsked {
      let needChoices =
        [ChoicePicker.Choice(noNeed, description: "only for steps other than the final plan")]
        + NeedType.allCases.filter { $0 != .NSA }.map {
          ChoicePicker.Choice("\($0.rawValue)  \($0.meaning)")
        }
      fields.append(
        FormField(
          id: "need", label: "Primary need", kind: .choice(needChoices), value: noNeed,
          hint: { _ in "With a final plan: the need it is for (the pupil moves to E)" }))
    }
    // A plan can be recorded as held only when none is recorded and no request is in progress.
    let heldAsked = pupil.map { $0.ehc.plan == nil && $0.ehc.openRequest == nil } ?? false
    if heldAsked {
      fields += [
        FormField(
          id: "authority", label: "Local authority", value: context.settings.localAuthority,
          maxLength: 120,
          placeholder: "the local authority that issued the plan",
          hint: { _ in "For a plan already held: the LA that issued it" }),
        FormField(
          id: "lastReview", label: "Last annual review", maxLength: 40,
          hint: { _ in "For a plan already held: the last review before Caseload, if any" },
          validate: FieldRules.dateCheck(context)),
      ]
    }
    let name = pupil?.displayName ?? "Pupil"
    return FormSpec(title: "\(name) — EHC process", notes: lines, fields: fields) { v in
      guard let step = Step(rawValue: v["step"] ?? "") else {
        throw EditError("Choose the step to record.")
      }
      guard let day = try FieldRules.day(v["date"], today: today, settings: settings) else {
        throw EditError("The date is needed.")
      }
      guard let p = pupil else { throw EditError("There is no such pupil.") }
      let need = NeedType.allCases.first { v["need"]?.hasPrefix($0.rawValue + " ") == true }
      let lastReview = try FieldRules.day(v["lastReview"], today: today, settings: settings)
      return .editPupil([
        try step.edit(
          on: day, pupil: p, needs: need.map { [$0] },
          held: (FieldRules.trimmed(v["authority"]), lastReview))
      ])
    }
  }
}
