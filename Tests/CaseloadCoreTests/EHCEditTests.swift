import Testing

@testable import CaseloadCore

@Suite("EHC needs assessment edits")
struct EHCEditTests {
  let today = Fixture.today

  /// On SEN support, with a request by the school on Monday 6 January 2025 that the LA agreed to assess.
  func assessing() throws -> Pupil {
    try applying(
      [
        .requestEHCAssessment(by: .school, on: d("2025-01-06")),
        .recordLADecision(.assess, on: d("2025-02-10")),
      ],
      to: try Fixture.onSupport(), today: today)
  }

  @Test("request → decision → advice → draft → final plan, which opens an EHC plan period")
  func fullFlow() throws {
    var p = try PupilEdit.requestEHCAssessment(by: .school, on: d("2025-01-06")).apply(
      to: try Fixture.onSupport(needs: [.SPLD, .SLCN]), today: today)
    let request = try #require(p.ehc.openRequest)
    #expect(request.requestedBy == .school)
    #expect(request.requested == d("2025-01-06"))
    #expect(request.decision == nil)

    p = try applying(
      [
        .recordLADecision(.assess, on: d("2025-02-10")),
        .recordAdviceRequested(on: d("2025-02-12")),
        .recordAdviceReturned(on: d("2025-03-20")),
        .recordDraftPlan(on: d("2025-04-28")),
        .recordFinalPlan(on: d("2025-05-19")),
      ], to: p, today: today)
    let done = try #require(p.ehc.requests.last)
    #expect(done.decision == .assess)
    #expect(done.decisionDate == d("2025-02-10"))
    #expect(done.adviceRequested == d("2025-02-12"))
    #expect(done.adviceReturned == d("2025-03-20"))
    #expect(done.draftIssued == d("2025-04-28"))
    #expect(done.finalPlanIssued == d("2025-05-19"))
    #expect(p.ehc.openRequest == nil)
    #expect(p.ehc.plan?.issued == d("2025-05-19"))
    #expect(p.status == .ehcPlan)
    #expect(p.censusCode == .E)
    #expect(p.needs == [.SPLD, .SLCN])
    #expect(p.senPeriods.map(\.status) == [.senSupport, .ehcPlan])
    #expect(p.senPeriods[0].end == d("2025-05-19"))
    #expect(p.senPeriods.filter(\.isOpen).count == 1)
    #expect(
      try #require(refusal(.requestEHCAssessment(by: .parent, on: today), to: p, today: today))
        .contains("already has an EHC plan"))
  }

  @Test("a final plan needs a type of need valid for an EHC plan")
  func finalPlanNeedsValidNeed() throws {
    let p = try applying(
      [
        .requestEHCAssessment(by: .parent, on: d("2025-01-06")),
        .recordLADecision(.assess, on: d("2025-02-10")),
      ],
      to: try Fixture.onSupport(needs: [.NSA]), today: today)
    let message = try #require(refusal(.recordFinalPlan(on: d("2025-05-19")), to: p, today: today))
    #expect(message.contains("NSA"))
    #expect(message.contains("Give the pupil's type of need with the final plan"))
  }

  @Test("only one open request at a time")
  func oneOpenRequest() throws {
    let p = try PupilEdit.requestEHCAssessment(by: .school, on: d("2025-01-06")).apply(
      to: try Fixture.onSupport(), today: today)
    let message = try #require(
      refusal(.requestEHCAssessment(by: .parent, on: d("2025-02-01")), to: p, today: today))
    #expect(message.contains("06/01/2025 is still open"))
  }

  @Test("steps need the earlier ones")
  func stepOrder() throws {
    let requested = try PupilEdit.requestEHCAssessment(by: .school, on: d("2025-01-06")).apply(
      to: try Fixture.onSupport(), today: today)
    for edit: PupilEdit in [
      .recordAdviceRequested(on: d("2025-02-12")), .recordDraftPlan(on: d("2025-04-28")),
      .recordFinalPlan(on: d("2025-05-19")), .recordNoPlanNotice(on: d("2025-04-28")),
    ] {
      #expect(
        try #require(refusal(edit, to: requested, today: today)).contains(
          "has not yet agreed to assess"))
    }
    #expect(
      try #require(
        refusal(.recordLADecision(.assess, on: d("2025-01-03")), to: requested, today: today)
      ).contains("before the request (06/01/2025)"))
    let assessing = try assessing()
    #expect(
      try #require(refusal(.recordAdviceReturned(on: d("2025-03-20")), to: assessing, today: today))
        .contains("asked for first"))
    #expect(
      try #require(
        refusal(.recordLADecision(.refuse, on: d("2025-02-11")), to: assessing, today: today)
      ).contains("already recorded"))
    #expect(
      try #require(refusal(.recordDraftPlan(on: d("2025-02-01")), to: assessing, today: today))
        .contains("before the decision to assess"))
    #expect(
      try #require(
        refusal(.recordLADecision(.assess, on: today), to: Fixture.oisin(), today: today)
      ).contains("no EHC needs assessment request in progress"))
    #expect(
      try #require(
        refusal(
          .requestEHCAssessment(by: .school, on: d("2026-01-05")), to: Fixture.oisin(), today: today
        )
      ).contains("cannot be in the future"))
  }

  @Test("a refusal closes the request and can be appealed")
  func refusalAndAppeal() throws {
    var p = try applying(
      [
        .requestEHCAssessment(by: .parent, on: d("2025-01-06")),
        .recordLADecision(.refuse, on: d("2025-02-14")),
      ],
      to: try Fixture.onSupport(), today: today)
    #expect(p.ehc.openRequest == nil)
    #expect(p.ehc.requests.last?.decision == .refuse)
    #expect(
      try #require(refusal(.recordAppeal(on: d("2025-02-10")), to: p, today: today)).contains(
        "before the refusal (14/02/2025)"))
    p = try PupilEdit.recordAppeal(on: d("2025-03-20")).apply(to: p, today: today)
    #expect(p.ehc.requests.last?.appealLodged == d("2025-03-20"))
    // A new request may follow a refusal.
    p = try PupilEdit.requestEHCAssessment(by: .school, on: d("2025-06-02")).apply(
      to: p, today: today)
    #expect(p.ehc.requests.count == 2)
    #expect(p.ehc.openRequest?.requested == d("2025-06-02"))
  }

  @Test("there is nothing to appeal without a refusal")
  func appealWithoutRefusal() throws {
    #expect(
      try #require(refusal(.recordAppeal(on: d("2025-03-20")), to: try assessing(), today: today))
        .contains("no refusal to assess"))
  }

  @Test("a no-plan notice closes the request without a plan")
  func noPlanNotice() throws {
    let p = try PupilEdit.recordNoPlanNotice(on: d("2025-04-25")).apply(
      to: try assessing(), today: today)
    #expect(p.ehc.openRequest == nil)
    #expect(p.ehc.plan == nil)
    #expect(p.status == .senSupport)
  }

  @Test("a withdrawn request is no longer open")
  func withdrawn() throws {
    let p = try PupilEdit.withdrawEHCRequest(on: d("2025-01-20")).apply(
      to: try assessing(), today: today)
    #expect(p.ehc.openRequest == nil)
    #expect(p.ehc.requests.last?.withdrawn == d("2025-01-20"))
  }

  @Test("a repeat request within six months of an assessment gets a warning")
  func repeatRequestWarning() throws {
    let p = try PupilEdit.recordNoPlanNotice(on: d("2025-04-25")).apply(
      to: try assessing(), today: today)
    let soon = PupilEdit.requestEHCAssessment(by: .parent, on: d("2025-06-02")).warnings(for: p)
    #expect(soon.count == 1)
    // From when the assessment ended (the notice), not from the request of 06/01/2025.
    #expect(soon.first?.contains("it ended on 25/04/2025") == true)
    #expect(soon.first?.contains("less than 6 months ago") == true)
    #expect(soon.first?.contains("need not assess again before 25/10/2025") == true)
    // The edit itself still goes through.
    #expect(
      try PupilEdit.requestEHCAssessment(by: .parent, on: d("2025-06-02")).apply(
        to: p, today: today
      ).ehc.requests.count == 2)

    let later = PupilEdit.requestEHCAssessment(by: .parent, on: d("2025-11-03")).warnings(for: p)
    #expect(later.isEmpty)
    #expect(
      PupilEdit.requestEHCAssessment(by: .parent, on: d("2025-06-02")).warnings(
        for: try Fixture.onSupport()
      ).isEmpty)
  }

  @Test("a repeat request after a refusal (no assessment) gets no warning")
  func repeatAfterRefusal() throws {
    let p = try applying(
      [
        .requestEHCAssessment(by: .parent, on: d("2025-01-06")),
        .recordLADecision(.refuse, on: d("2025-02-14")),
      ],
      to: try Fixture.onSupport(), today: today)
    #expect(
      PupilEdit.requestEHCAssessment(by: .school, on: d("2025-03-03")).warnings(for: p).isEmpty)
  }

  @Test("a final plan less than 15 days after the draft gets a warning")
  func shortCommentWindow() throws {
    let p = try PupilEdit.recordDraftPlan(on: d("2025-04-28")).apply(
      to: try assessing(), today: today)
    let early = PupilEdit.recordFinalPlan(on: d("2025-05-09")).warnings(for: p)
    #expect(early.count == 1)
    #expect(early.first?.contains("less than 15 days after the draft") == true)
    #expect(PupilEdit.recordFinalPlan(on: d("2025-05-13")).warnings(for: p).isEmpty)
  }

  @Test("annual reviews: scheduled after issue, updated, and the plan ceased back to SEN support")
  func annualReviewsAndCeasing() throws {
    var p = try applying(
      [.recordDraftPlan(on: d("2025-04-28")), .recordFinalPlan(on: d("2025-05-19"))],
      to: try assessing(), today: today)
    #expect(
      try #require(refusal(.scheduleAnnualReview(meeting: d("2025-05-01")), to: p, today: today))
        .contains("before the plan's issue"))
    p = try PupilEdit.scheduleAnnualReview(meeting: d("2025-11-20")).apply(to: p, today: today)
    var review = try #require(p.ehc.plan?.reviews.first)
    #expect(review.id > 0)
    review.invitationsSent = d("2025-11-03")
    review.amendmentsProposed = d("2025-12-10")
    review.amendedPlanIssued = d("2025-12-01")
    #expect(
      try #require(refusal(.updateAnnualReview(review), to: p, today: today)).contains(
        "before the proposals"))
    review.amendedPlanIssued = nil
    p = try PupilEdit.updateAnnualReview(review).apply(to: p, today: today)
    #expect(p.ehc.plan?.reviews.first?.invitationsSent == d("2025-11-03"))

    #expect(
      try #require(refusal(.endSEN(on: d("2025-12-15")), to: p, today: today)).contains(
        "EHC plan in force"))
    p = try PupilEdit.ceaseEHCPlan(on: d("2025-12-15"), then: .senSupport).apply(
      to: p, today: today)
    #expect(p.ehc.plan?.ceased == d("2025-12-15"))
    #expect(p.status == .senSupport)
    #expect(p.needs == [.SPLD])
    #expect(p.senPeriods.filter(\.isOpen).count == 1)
    #expect(
      try #require(refusal(.scheduleAnnualReview(meeting: d("2025-12-20")), to: p, today: today))
        .contains("no EHC plan in force"))
  }

  @Test("ceasing a plan with nothing after it ends SEN")
  func ceaseToNothing() throws {
    let p = try applying(
      [.recordFinalPlan(on: d("2025-05-19")), .ceaseEHCPlan(on: d("2025-07-18"), then: nil)],
      to: try assessing(), today: today)
    #expect(p.status == nil)
    #expect(p.censusCode == .N)
    #expect(p.senPeriods.last?.end == d("2025-07-18"))
  }

  /// A pupil not on the register (a parent's request for a child on monitoring) moves to E with the final plan,
  /// in one step, with the need the plan is for.
  @Test func aFinalPlanForAPupilOnMonitoringNamesTheNeedAndMovesThemToE() throws {
    var p = try PupilEdit.startMonitoring(on: d("2024-09-09")).apply(
      to: try PupilEdit.create(Fixture.oisin()).apply(to: nil, today: today), today: today)
    p = try applying(
      [
        .requestEHCAssessment(by: .parent, on: d("2025-01-06")),
        .recordLADecision(.assess, on: d("2025-02-10")),
      ], to: p, today: today)
    #expect(p.needs.isEmpty)
    #expect(refusal(.recordFinalPlan(on: d("2025-05-19")), to: p, today: today) != nil)
    p = try PupilEdit.recordFinalPlan(on: d("2025-05-19"), needs: [.ASD]).apply(to: p, today: today)
    #expect(p.status == .ehcPlan && p.needs == [.ASD])
    #expect(p.openPeriod?.start == d("2025-05-19"))
    #expect(
      PupilEdit.recordFinalPlan(on: d("2025-05-19"), needs: [.ASD]).summary(before: nil, after: p)
        .hasSuffix("final EHC plan issued 19/05/2025, need ASD"))
  }
}
