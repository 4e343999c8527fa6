import Testing

@testable import CaseloadCore

@Suite("Deadlines")
struct DeadlineTests {
  let today = Fixture.today

  func deadline(_ kind: DeadlineKind, in list: [Deadline]) -> Deadline? {
    list.first { $0.kind == kind }
  }

  // MARK: EHC needs assessment requests

  @Test(
    "a request on a Monday: decide by +6 weeks, no-plan notice by +16 weeks, final plan by +20 weeks"
  )
  func requestOnAMonday() throws {
    let request = EHCRequest(requestedBy: .school, requested: d("2025-01-06"))
    #expect(request.requested.weekdayName == "Monday")
    #expect(request.decideBy == d("2025-02-17"))
    #expect(request.noPlanNoticeBy == d("2025-04-28"))
    #expect(request.finalPlanBy == d("2025-05-26"))
    let list = request.deadlines
    #expect(list.map(\.kind) == [.ehcDecision, .ehcNoPlanNotice, .ehcFinalPlan])
    #expect(deadline(.ehcDecision, in: list)?.due == d("2025-02-17"))
    #expect(deadline(.ehcNoPlanNotice, in: list)?.due == d("2025-04-28"))
    #expect(deadline(.ehcFinalPlan, in: list)?.due == d("2025-05-26"))
    #expect(list.allSatisfy { $0.met == nil })
    #expect(deadline(.ehcDecision, in: list)?.detail == "request of 06/01/2025")
    // Whole weeks from a Monday land on Mondays.
    #expect(list.allSatisfy { $0.due.weekdayName == "Monday" })
  }

  @Test("a request spanning 29 February 2028")
  func requestOverLeapDay() {
    let request = EHCRequest(requestedBy: .parent, requested: d("2028-02-07"))
    #expect(request.decideBy == d("2028-03-20"))
    #expect(request.noPlanNoticeBy == d("2028-05-29"))
    #expect(request.finalPlanBy == d("2028-06-26"))
    // The same request a year earlier, with no leap day, is decided a calendar day later.
    #expect(
      EHCRequest(requestedBy: .parent, requested: d("2027-02-07")).decideBy == d("2027-03-21"))
  }

  @Test("a request on the last day of the autumn term: the holidays count, the weeks do not stop")
  func requestAtTheEndOfATerm() {
    let autumn = DefaultTerms.terms(for: SchoolYear(startYear: 2026))[0]
    #expect(autumn.end == d("2026-12-18"))
    let request = EHCRequest(requestedBy: .school, requested: autumn.end)
    #expect(request.decideBy == d("2027-01-29"))
    #expect(request.noPlanNoticeBy == d("2027-04-09"))
    #expect(request.finalPlanBy == d("2027-05-07"))
  }

  @Test("advice is due 6 weeks from being asked for")
  func advice() throws {
    var request = EHCRequest(requestedBy: .school, requested: d("2025-01-06"))
    request.decision = .assess
    request.decisionDate = d("2025-02-10")
    request.adviceRequested = d("2025-02-12")
    let advice = try #require(deadline(.ehcAdvice, in: request.deadlines))
    #expect(advice.due == d("2025-03-26"))
    #expect(advice.met == nil)
    request.adviceReturned = d("2025-03-20")
    #expect(deadline(.ehcAdvice, in: request.deadlines)?.met == d("2025-03-20"))
    #expect(deadline(.ehcDecision, in: request.deadlines)?.met == d("2025-02-10"))
  }

  @Test(
    "the draft plan opens a 15-day comment window, and the draft meets the no-plan notice deadline")
  func draft() throws {
    var request = EHCRequest(requestedBy: .school, requested: d("2025-01-06"))
    request.decision = .assess
    request.decisionDate = d("2025-02-10")
    request.draftIssued = d("2025-04-28")
    let list = request.deadlines
    #expect(deadline(.ehcDraftComments, in: list)?.due == d("2025-05-13"))
    #expect(deadline(.ehcNoPlanNotice, in: list)?.met == d("2025-04-28"))
    #expect(deadline(.ehcFinalPlan, in: list)?.met == nil)
  }

  @Test("a no-plan notice removes the final plan deadline")
  func noPlan() throws {
    var request = EHCRequest(requestedBy: .school, requested: d("2025-01-06"))
    request.decision = .assess
    request.decisionDate = d("2025-02-10")
    request.noPlanNotice = d("2025-04-25")
    let list = request.deadlines
    #expect(deadline(.ehcNoPlanNotice, in: list)?.met == d("2025-04-25"))
    #expect(deadline(.ehcFinalPlan, in: list) == nil)
  }

  @Test(
    "a refusal can be appealed within 2 months of the decision",
    arguments: [
      ("2025-02-14", "2025-04-14"), ("2025-12-31", "2026-02-28"), ("2027-12-31", "2028-02-29"),
      ("2025-12-30", "2026-02-28"), ("2025-08-31", "2025-10-31"), ("2025-07-31", "2025-09-30"),
    ])
  func appeal(decided: String, appealBy: String) throws {
    var request = EHCRequest(requestedBy: .parent, requested: d(decided).adding(weeks: -5))
    request.decision = .refuse
    request.decisionDate = d(decided)
    #expect(request.appealBy(d(decided)) == d(appealBy))
    let list = request.deadlines
    #expect(list.map(\.kind) == [.ehcDecision, .ehcAppeal])
    let appeal = try #require(deadline(.ehcAppeal, in: list))
    #expect(appeal.due == d(appealBy))
    #expect(appeal.met == nil)
    request.appealLodged = d(decided).adding(days: 20)
    #expect(deadline(.ehcAppeal, in: request.deadlines)?.met == d(decided).adding(days: 20))
  }

  @Test("a request withdrawn after the decision keeps only the decision")
  func withdrawnAfterDecision() {
    var request = EHCRequest(requestedBy: .school, requested: d("2025-01-06"))
    request.decision = .assess
    request.decisionDate = d("2025-02-10")
    request.withdrawn = d("2025-03-01")
    #expect(request.deadlines.map(\.kind) == [.ehcDecision])
    #expect(request.deadlines.first?.met == d("2025-02-10"))
  }

  @Test("a request withdrawn before any decision leaves no open deadline")
  func withdrawnBeforeDecision() throws {
    let p = try applying(
      [
        .requestEHCAssessment(by: .school, on: d("2025-01-06")),
        .withdrawEHCRequest(on: d("2025-01-20")),
      ],
      to: try Fixture.onSupport(), today: today)
    #expect(p.openDeadlines.filter(\.kind.isEHC).isEmpty)
    #expect(p.nextDue == nil)
  }

  // MARK: Statuses

  @Test("met, met late, missed, due today and due in N days")
  func statuses() {
    let due = d("2025-02-17")
    let open = Deadline(kind: .ehcDecision, due: due)
    #expect(open.status(on: d("2025-02-14")) == .due(inDays: 3))
    #expect(open.status(on: d("2025-02-14")).description == "due in 3 days")
    #expect(open.status(on: d("2025-02-16")).description == "due in 1 day")
    #expect(open.status(on: due) == .due(inDays: 0))
    #expect(open.status(on: due).description == "due today")
    #expect(open.status(on: d("2025-02-19")) == .missed(days: 2))
    #expect(open.status(on: d("2025-02-19")).description == "missed by 2 days")
    #expect(open.status(on: d("2025-02-18")).description == "missed by 1 day")
    #expect(open.status(on: d("2025-02-19")).isOpen)
    #expect(open.status(on: d("2025-02-14")).isOpen)

    let met = Deadline(kind: .ehcDecision, due: due, met: d("2025-02-10"))
    #expect(met.status(on: d("2025-03-01")) == .met(d("2025-02-10")))
    #expect(met.status(on: d("2025-03-01")).description == "met 10/02/2025")
    #expect(!met.status(on: d("2025-03-01")).isOpen)
    #expect(Deadline(kind: .ehcDecision, due: due, met: due).status(on: due) == .met(due))

    let late = Deadline(kind: .ehcDecision, due: due, met: d("2025-02-18"))
    #expect(late.status(on: d("2025-03-01")) == .metLate(d("2025-02-18"), days: 1))
    #expect(late.status(on: d("2025-03-01")).description == "met 18/02/2025, 1 day late")
    #expect(
      Deadline(kind: .ehcDecision, due: due, met: d("2025-02-24")).status(on: d("2025-03-01"))
        .description == "met 24/02/2025, 7 days late")

    // A met date after `today` is not yet met.
    #expect(met.status(on: d("2025-02-05")) == .due(inDays: 12))
  }

  @Test(
    "a window closes rather than being missed",
    arguments: [DeadlineKind.ehcAppeal, .ehcDraftComments])
  func windows(kind: DeadlineKind) {
    #expect(kind.isWindow)
    let window = Deadline(kind: kind, due: d("2025-04-14"))
    #expect(window.status(on: d("2025-04-15")) == .closed)
    #expect(window.status(on: d("2025-04-15")).description == "closed")
    #expect(!window.status(on: d("2025-04-15")).isOpen)
    #expect(window.status(on: d("2025-04-14")) == .due(inDays: 0))
  }

  // MARK: A pupil's deadlines

  @Test("plan reviews are deadlines met by the review")
  func planReviews() throws {
    let reviewed = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-01-06"), progress: .expected)
    let p = try applying(
      [.startCycle(on: d("2025-03-24"), carryForward: true), .setReviewDate(d("2025-07-14"))],
      to: reviewed, today: today)
    let reviews = p.deadlines.filter { $0.kind == .planReview }
    #expect(reviews.map(\.due) == [d("2025-03-17"), d("2025-07-14")])
    #expect(reviews.map(\.met) == [d("2025-03-17"), nil])
    #expect(reviews.map(\.detail) == ["cycle 1", "cycle 2"])
    #expect(p.openDeadlines.map(\.kind) == [.planReview])
    #expect(p.nextDue?.due == d("2025-07-14"))
    let left = try PupilEdit.recordLeaving(on: d("2025-07-18")).apply(to: p, today: today)
    #expect(left.openDeadlines.isEmpty)
    #expect(left.nextDue == nil)
  }

  @Test("annual review 12 months after issue, then 12 months after each review")
  func annualReviews() throws {
    var p = try Fixture.onSupport()  // born 15 October 2014
    p.ehc.plan = EHCPlan(issued: d("2025-01-31"))
    var reviews = p.deadlines.filter { $0.kind == .ehcAnnualReview }
    #expect(reviews.map(\.due) == [d("2026-01-31")])

    var first = EHCAnnualReview(id: 1, meeting: d("2025-12-10"))
    first.invitationsSent = d("2025-11-20")
    first.amendmentsProposed = d("2025-12-20")
    p.ehc.plan?.reviews = [first, EHCAnnualReview(id: 2, meeting: d("2026-11-30"))]
    reviews = p.deadlines.filter { $0.kind == .ehcAnnualReview }
    #expect(reviews.map(\.due) == [d("2026-01-31"), d("2026-12-10"), d("2027-11-30")])
    #expect(reviews.map(\.met) == [d("2025-12-10"), d("2026-11-30"), nil])

    let all = p.deadlines
    let invitations = all.filter { $0.kind == .ehcReviewInvitations }
    #expect(invitations.map(\.due) == [d("2025-11-26"), d("2026-11-16")])
    #expect(invitations.first?.met == d("2025-11-20"))
    #expect(invitations.first?.detail == "for the review on 10/12/2025")
    #expect(
      all.filter { $0.kind == .ehcReviewReport }.map(\.due) == [d("2025-12-24"), d("2026-12-14")])
    #expect(
      all.filter { $0.kind == .ehcReviewDecision }.map(\.due) == [d("2026-01-07"), d("2026-12-28")])
    #expect(all.filter { $0.kind == .ehcAmendedPlan }.map(\.due) == [d("2026-02-14")])

    // Sorted by due date.
    #expect(all.map(\.due) == all.map(\.due).sorted())
  }

  @Test("a ceased plan has no next annual review")
  func ceased() {
    var p = Fixture.oisin()
    p.ehc.plan = EHCPlan(issued: d("2025-01-31"), ceased: d("2025-07-18"))
    #expect(p.deadlines.filter { $0.kind == .ehcAnnualReview }.isEmpty)
  }

  @Test("an under-5's plan is reviewed at 6 months")
  func underFive() {
    var p = Pupil(
      id: AggregateID("p-amara"), legalName: PersonName(given: "Amara", family: "Nwosu"),
      dateOfBirth: d("2021-01-10"))
    p.ehc.plan = EHCPlan(issued: d("2025-03-01"))  // aged 4
    #expect(p.deadlines.filter { $0.kind == .ehcAnnualReview }.map(\.due) == [d("2025-09-01")])
    // Reviewed at 4 on 20 August 2025: next in 6 months. Reviewed at 5 on 10 February 2026: next in 12.
    p.ehc.plan?.reviews = [EHCAnnualReview(id: 1, meeting: d("2025-08-20"))]
    #expect(
      p.deadlines.filter { $0.kind == .ehcAnnualReview }.map(\.due) == [
        d("2025-09-01"), d("2026-02-20"),
      ])
    p.ehc.plan?.reviews.append(EHCAnnualReview(id: 2, meeting: d("2026-02-10")))
    #expect(
      p.deadlines.filter { $0.kind == .ehcAnnualReview }.map(\.due) == [
        d("2025-09-01"), d("2026-02-20"), d("2027-02-10"),
      ])
  }

  @Test("phase transfers: 15 February for Year 6 → secondary, 31 March for Year 11 → post-16")
  func phaseTransfers() throws {
    var p = Fixture.oisin()  // Year 6 in 2025/26, Year 11 in 2030/31
    p.ehc.plan = EHCPlan(issued: d("2024-03-01"))
    let transfers = p.deadlines.filter { $0.kind == .ehcPhaseTransfer }
    #expect(transfers.map(\.due) == [d("2026-02-15"), d("2031-03-31")])
    #expect(transfers.map(\.detail) == ["move to secondary school", "move to post-16"])
    #expect(transfers.allSatisfy { $0.met == nil })

    // An amended plan issued in the Year 6 school year meets the first.
    var review = EHCAnnualReview(id: 1, meeting: d("2025-10-08"))
    review.amendmentsProposed = d("2025-10-20")
    review.amendedPlanIssued = d("2026-01-30")
    p.ehc.plan?.reviews = [review]
    let met = p.deadlines.filter { $0.kind == .ehcPhaseTransfer }
    #expect(met.map(\.met) == [d("2026-01-30"), nil])
    #expect(met.first?.status(on: today) == .due(inDays: 46))
    #expect(met.first?.status(on: d("2026-03-01")) == .met(d("2026-01-30")))
  }

  @Test("phase transfers follow a held-back pupil's year group")
  func phaseTransferHeldBack() {
    var p = Fixture.oisin()
    p.yearGroupOffset = -1  // Year 6 in 2026/27
    p.ehc.plan = EHCPlan(issued: d("2024-03-01"))
    #expect(
      p.deadlines.filter { $0.kind == .ehcPhaseTransfer }.map(\.due) == [
        d("2027-02-15"), d("2032-03-31"),
      ])
  }

  @Test("a plan issued in nursery has a transfer to Reception")
  func phaseTransferNursery() {
    var p = Pupil(
      id: AggregateID("p-amara"), legalName: PersonName(given: "Amara", family: "Nwosu"),
      dateOfBirth: d("2021-01-10"))
    p.ehc.plan = EHCPlan(issued: d("2024-11-01"))  // nursery (N2) in 2024/25
    let transfers = p.deadlines.filter { $0.kind == .ehcPhaseTransfer }
    #expect(transfers.map(\.due) == [d("2025-02-15"), d("2032-02-15"), d("2037-03-31")])
    #expect(transfers.first?.detail == "move to Reception")
  }

  @Test("a pupil's EHC deadlines from the edit flow")
  func fromEdits() throws {
    let p = try applying(
      [
        .requestEHCAssessment(by: .school, on: d("2025-01-06")),
        .recordLADecision(.assess, on: d("2025-02-10")),
        .recordDraftPlan(on: d("2025-04-28")),
        .recordFinalPlan(on: d("2025-05-19")),
      ], to: try Fixture.onSupport(), today: today)
    let all = p.deadlines
    #expect(deadline(.ehcDecision, in: all)?.status(on: today) == .met(d("2025-02-10")))
    #expect(deadline(.ehcFinalPlan, in: all)?.status(on: today) == .met(d("2025-05-19")))
    #expect(deadline(.ehcAnnualReview, in: all)?.due == d("2026-05-19"))
    // The draft's comment window (a window, not an obligation) is never what is next: that is the move to
    // secondary school, before the annual review.
    #expect(deadline(.ehcDraftComments, in: all)?.status(on: today) == .closed)
    #expect(p.nextDue?.kind == .ehcPhaseTransfer)
    #expect(p.nextDue?.due == d("2026-02-15"))
  }
}

@Suite("plan reviews after leaving the register")
struct PlanReviewAfterRegisterTests {
  @Test("a pupil taken off the register has no plan review due")
  func noReviewAfterEndingSupport() throws {
    var p = try Fixture.onSupport()
    p = try applying(
      [.startCycle(on: d("2024-09-09"), carryForward: false), .setReviewDate(d("2024-12-09"))],
      to: p,
      today: Fixture.today)
    #expect(p.openDeadlines.map(\.kind) == [.planReview])
    p = try applying([.endSEN(on: d("2024-11-01"))], to: p, today: Fixture.today)
    #expect(p.openDeadlines.isEmpty)
    #expect(p.nextDue == nil)
  }
}
