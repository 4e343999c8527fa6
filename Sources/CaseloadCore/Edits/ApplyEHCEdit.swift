import Foundation

extension PupilEdit {
  func applyEHC(to p: inout Pupil, today: Day) throws(EditError) {
    typealias R = PupilRules
    switch self {
    case .requestEHCAssessment(let by, let day):
      try R.notFuture(day, "The request date", today)
      if let open = p.ehc.openRequest {
        throw EditError(
          "A request made on \(open.requested.british) is still open; record its outcome first.")
      }
      if let plan = p.ehc.plan, plan.ceased == nil {
        throw EditError("\(p.displayName) already has an EHC plan; ask for a review of it instead.")
      }
      p.ehc.requests.append(EHCRequest(id: p.allocateID(), requestedBy: by, requested: day))
    case .recordLADecision(let decision, let day):
      try withOpenRequest(&p) { (r) throws(EditError) in
        guard r.decision == nil else { throw EditError("The LA's decision is already recorded.") }
        try R.notFuture(day, "The decision date", today)
        try R.notBefore(day, r.requested, "The decision date", "the request")
        r.decision = decision
        r.decisionDate = day
      }
    case .recordAdviceRequested(let day):
      try withAssessingRequest(&p) { (r) throws(EditError) in
        try R.notFuture(day, "The date advice was asked for", today)
        try R.notBefore(day, r.requested, "The date advice was asked for", "the request")
        r.adviceRequested = day
      }
    case .recordAdviceReturned(let day):
      try withAssessingRequest(&p) { (r) throws(EditError) in
        guard let asked = r.adviceRequested else {
          throw EditError("Record when advice was asked for first.")
        }
        try R.notFuture(day, "The date advice came back", today)
        try R.notBefore(day, asked, "The date advice came back", "the date it was asked for")
        r.adviceReturned = day
      }
    case .recordDraftPlan(let day):
      try withAssessingRequest(&p) { (r) throws(EditError) in
        try R.notFuture(day, "The draft plan's date", today)
        try R.notBefore(day, r.decisionDate, "The draft plan's date", "the decision to assess")
        r.draftIssued = day
      }
    case .recordFinalPlan(let day, let given):
      try withAssessingRequest(&p) { (r) throws(EditError) in
        try R.notFuture(day, "The final plan's date", today)
        try R.notBefore(
          day, r.draftIssued ?? r.decisionDate, "The final plan's date",
          r.draftIssued == nil ? "the decision to assess" : "the draft plan")
        r.finalPlanIssued = day
      }
      let needs = given.flatMap { $0.isEmpty ? nil : $0 } ?? p.needs
      if let rule = censusRuleBroken(code: .E, needs: needs) {
        throw EditError("\(rule) Give the pupil's type of need with the final plan.")
      }
      p.ehc.plan = EHCPlan(issued: day)
      if p.status != .ehcPlan {
        try R.open(.ehcPlan, on: day, needs: needs, parentsInformed: nil, in: &p, today: today)
      } else if needs != p.needs, let last = p.senPeriods.indices.last {
        p.senPeriods[last].needs = needs
      }
    case .recordHeldEHCPlan(let issued, let authority, let lastReview, let given):
      try recordHeld(
        issued: issued, authority: authority, lastReview: lastReview, needs: given, in: &p,
        today: today)
    case .recordNoPlanNotice(let day):
      try withAssessingRequest(&p) { (r) throws(EditError) in
        try R.notFuture(day, "The notice's date", today)
        try R.notBefore(day, r.decisionDate, "The notice's date", "the decision to assess")
        r.noPlanNotice = day
      }
    case .recordAppeal(let day):
      guard let i = p.ehc.requests.lastIndex(where: { $0.decision == .refuse }) else {
        throw EditError("There is no refusal to assess to appeal against.")
      }
      try R.notFuture(day, "The appeal date", today)
      try R.notBefore(day, p.ehc.requests[i].decisionDate, "The appeal date", "the refusal")
      p.ehc.requests[i].appealLodged = day
    case .recordMediationCertificate(let day):
      guard let i = p.ehc.requests.lastIndex(where: { $0.decision == .refuse }) else {
        throw EditError("There is no refusal to assess for mediation to be about.")
      }
      try R.notFuture(day, "The mediation certificate's date", today)
      try R.notBefore(
        day, p.ehc.requests[i].decisionDate, "The mediation certificate's date", "the refusal")
      p.ehc.requests[i].mediationCertificate = day
    case .recordAmendmentNotice(let day):
      try withPlan(&p) { (plan) throws(EditError) in
        guard let last = plan.reviews.indices.last else {
          throw EditError("Record the annual review meeting first (“Annual review meeting on”).")
        }
        try R.notFuture(day, "The amendment notice's date", today)
        try R.notBefore(
          day, plan.reviews[last].meeting, "The amendment notice's date", "the review meeting")
        plan.reviews[last].amendmentsProposed = day
      }
    case .withdrawEHCRequest(let day):
      try withOpenRequest(&p) { (r) throws(EditError) in
        try R.notFuture(day, "The withdrawal date", today)
        try R.notBefore(day, r.requested, "The withdrawal date", "the request")
        r.withdrawn = day
      }
    case .scheduleAnnualReview(let meeting):
      try withPlan(&p) { (plan) throws(EditError) in
        try R.notBefore(meeting, plan.issued, "The review meeting", "the plan's issue")
        plan.reviews.append(EHCAnnualReview(id: 0, meeting: meeting))
      }
      let id = p.allocateID()
      p.ehc.plan!.reviews[p.ehc.plan!.reviews.count - 1].id = id
    case .updateAnnualReview(let review):
      try withPlan(&p) { (plan) throws(EditError) in
        let i = try R.index(of: review.id, in: plan.reviews, "annual review")
        try R.notBefore(
          review.amendedPlanIssued, review.amendmentsProposed, "The amended plan", "the proposals")
        for day in [
          review.invitationsSent, review.reportSent, review.laDecisionDate,
          review.amendedPlanIssued,
        ] {
          try R.notFuture(day, "A date in the review", today)
        }
        plan.reviews[i] = review
      }
    case .ceaseEHCPlan(let day, let then):
      try withPlan(&p) { (plan) throws(EditError) in
        try R.notFuture(day, "The date the plan ceased", today)
        try R.notBefore(day, plan.issued, "The date the plan ceased", "its issue")
        plan.ceased = day
      }
      if let then {
        if let rule = censusRuleBroken(
          code: then.censusCode, needs: then == .senSupport ? p.needs : [])
        {
          throw EditError(rule)
        }
        try R.open(
          then, on: day, needs: then == .senSupport ? p.needs : [], parentsInformed: nil, in: &p,
          today: today)
      } else {
        try R.close(on: day, in: &p, today: today)
      }
    default:
      break
    }
  }

  private func recordHeld(
    issued: Day, authority: String, lastReview: Day?, needs given: [NeedType]?, in p: inout Pupil,
    today: Day
  ) throws(EditError) {
    typealias R = PupilRules
    if let plan = p.ehc.plan {
      let ceased = plan.ceased.map { ", ceased \($0.british)" } ?? ""
      throw EditError(
        "\(p.displayName) already has an EHC plan recorded (issued \(plan.issued.british)\(ceased))."
      )
    }
    if let open = p.ehc.openRequest {
      throw EditError(
        "An EHC request of \(open.requested.british) is in progress: record its final plan instead."
      )
    }
    let held = HeldEHCPlan(authority: authority, lastReview: lastReview, recorded: today)
    guard !held.authority.isEmpty else {
      throw EditError("Name the local authority that issued the plan.")
    }
    try R.notFuture(issued, "The plan's issue date", today)
    try R.notBefore(issued, p.dateOfBirth, "The plan's issue date", "the date of birth")
    try R.notFuture(lastReview, "The last annual review", today)
    try R.notBefore(lastReview, issued, "The last annual review", "the plan's issue")
    let plan = EHCPlan(issued: issued, held: held)
    if lastReview == nil, plan.reviewBase.adding(months: p.ehcReviewMonths(from: issued)) <= today {
      throw EditError(
        "A plan issued on \(issued.british) has had an annual review since: give the date of the last one."
      )
    }
    let needs = given.flatMap { $0.isEmpty ? nil : $0 } ?? p.needs
    if let rule = censusRuleBroken(code: .E, needs: needs) {
      throw EditError("\(rule) Give the pupil's type of need with the plan.")
    }
    p.ehc.plan = plan
    if p.status != .ehcPlan {
      // E from the issue date, or from when the pupil joined or the current period began if later.
      let from = [issued, p.joined, p.openPeriod?.start].compactMap { $0 }.max() ?? issued
      try R.open(.ehcPlan, on: from, needs: needs, parentsInformed: nil, in: &p, today: today)
    } else if needs != p.needs, let last = p.senPeriods.indices.last {
      p.senPeriods[last].needs = needs
    }
  }

  private func withOpenRequest(
    _ p: inout Pupil, _ change: (inout EHCRequest) throws(EditError) -> Void
  )
    throws(EditError)
  {
    guard let i = p.ehc.requests.lastIndex(where: { $0.isOpen }) else {
      throw EditError("\(p.displayName) has no EHC needs assessment request in progress.")
    }
    try change(&p.ehc.requests[i])
  }

  private func withAssessingRequest(
    _ p: inout Pupil, _ change: (inout EHCRequest) throws(EditError) -> Void
  )
    throws(EditError)
  {
    try withOpenRequest(&p) { (r) throws(EditError) in
      guard r.decision == .assess else {
        throw EditError("The LA has not yet agreed to assess; record its decision first.")
      }
      try change(&r)
    }
  }

  private func withPlan(_ p: inout Pupil, _ change: (inout EHCPlan) throws(EditError) -> Void)
    throws(EditError)
  {
    guard var plan = p.ehc.plan, plan.ceased == nil else {
      throw EditError("\(p.displayName) has no EHC plan in force.")
    }
    try change(&plan)
    p.ehc.plan = plan
  }

  /// Warnings that do not stop the edit but a SENCo should see.
  public func warnings(for p: Pupil) -> [String] {
    switch self {
    case .requestEHCAssessment(_, let day):
      // Children and Families Act 2014 s.36(7): from an assessment carried out; a refusal starts no clock.
      let limit = StatutoryLimits.repeatRequestMonths
      if let last = p.ehc.requests.compactMap(\.assessmentCarriedOut).max(), day >= last,
        day < last.adding(months: limit)
      {
        return [
          "An EHC needs assessment was carried out less than \(limit) months ago (it ended on \(last.british)); the LA need not assess again before \(last.adding(months: limit).british)."
        ]
      }
    case .recordFinalPlan(let day, _):
      if let draft = p.ehc.openRequest?.draftIssued,
        day < draft.adding(days: StatutoryLimits.draftCommentDays)
      {
        return [
          "The final plan came less than 15 days after the draft: parents had less time to comment than the law gives."
        ]
      }
    default: break
    }
    return []
  }
}
