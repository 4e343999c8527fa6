import Testing

@testable import CaseloadCore

@Suite("The APDR cycle")
struct CycleEditTests {
  let today = Fixture.today
  let start = d("2025-01-06")

  /// SEN support with a cycle started on 6 January 2025, still at assess.
  func assessing() throws -> Pupil {
    try PupilEdit.startCycle(on: start, carryForward: false).apply(
      to: try Fixture.onSupport(), today: today)
  }

  /// At plan, with two outcomes and an agreement.
  func planned() throws -> Pupil {
    try applying(
      [
        .enterStage(.plan, on: d("2025-01-13")),
        .addOutcome(Fixture.outcome("Read 20 high-frequency words", target: d("2025-03-21"))),
        .addOutcome(
          Fixture.outcome("Write three sentences independently", target: d("2025-03-21"))),
        .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: d("2025-01-15"))),
        .setReviewDate(d("2025-03-24")),
      ], to: try assessing(), today: today)
  }

  @Test("a cycle needs an open SEN period and starts at assess")
  func starting() throws {
    let message = try #require(
      refusal(.startCycle(on: start, carryForward: false), to: Fixture.oisin(), today: today))
    #expect(message.contains("before starting a cycle"))
    let p = try assessing()
    let cycle = try #require(p.currentCycle)
    #expect(cycle.id == 1)
    #expect(cycle.stage == .assess)
    #expect(cycle.assessFrom == start)
    #expect(p.currentStage == .assess)
    #expect(
      try #require(
        refusal(
          .startCycle(on: today.adding(days: 1), carryForward: false), to: try Fixture.onSupport(),
          today: today)
      ).contains("cannot be in the future"))
  }

  @Test(
    "stages go assess → plan → do → review with no skipping",
    arguments: [Stage.do, .review, .assess])
  func noSkippingFromAssess(target: Stage) throws {
    let message = try #require(
      refusal(.enterStage(target, on: d("2025-01-13")), to: try assessing(), today: today))
    #expect(message.contains("assess → plan → do → review"))
    #expect(message.contains("it is at assess"))
    #expect(message.contains("cannot move to \(target.title.lowercased())"))
  }

  @Test("a stage cannot be entered twice or go backwards")
  func noGoingBack() throws {
    let p = try planned()
    #expect(
      try #require(refusal(.enterStage(.plan, on: d("2025-01-20")), to: p, today: today)).contains(
        "it is at plan"))
    #expect(
      try #require(refusal(.enterStage(.assess, on: d("2025-01-20")), to: p, today: today))
        .contains("cannot move to assess"))
    #expect(
      try #require(refusal(.enterStage(.review, on: d("2025-01-20")), to: p, today: today))
        .contains("cannot move to review"))
  }

  @Test("a stage date cannot be before the current stage began")
  func stageDates() throws {
    let message = try #require(
      refusal(.enterStage(.plan, on: d("2025-01-03")), to: try assessing(), today: today))
    #expect(message.contains("before the start of the assess stage (06/01/2025)"))
  }

  @Test("entering do needs an agreement")
  func doNeedsAgreement() throws {
    let p = try PupilEdit.recordAgreement(nil).apply(to: try planned(), today: today)
    let message = try #require(refusal(.enterStage(.do, on: d("2025-01-20")), to: p, today: today))
    #expect(message.contains("only once the plan is agreed"))
  }

  @Test("entering do needs an outcome")
  func doNeedsOutcome() throws {
    let p = try applying(
      [
        .enterStage(.plan, on: d("2025-01-13")),
        .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: d("2025-01-15"))),
      ],
      to: try assessing(), today: today)
    let message = try #require(refusal(.enterStage(.do, on: d("2025-01-20")), to: p, today: today))
    #expect(message.contains("at least one outcome"))
  }

  @Test("an agreement names who and is not before the cycle or in the future")
  func agreementChecks() throws {
    let p = try assessing()
    #expect(
      try #require(
        refusal(.recordAgreement(Agreement(agreedBy: " ", on: start)), to: p, today: today)
      ).contains("Say who agreed"))
    #expect(
      try #require(
        refusal(
          .recordAgreement(Agreement(agreedBy: "Mr O'Brien", on: d("2025-01-01"))), to: p,
          today: today)
      ).contains("before the start of the cycle"))
    #expect(
      try #require(
        refusal(
          .recordAgreement(Agreement(agreedBy: "Mr O'Brien", on: d("2026-01-01"))), to: p,
          today: today)
      ).contains("cannot be in the future"))
  }

  @Test("the agreement cannot be removed once support has begun")
  func agreementLocked() throws {
    let p = try PupilEdit.enterStage(.do, on: d("2025-01-20")).apply(
      to: try planned(), today: today)
    #expect(p.currentCycle?.doFrom == d("2025-01-20"))
    #expect(
      try #require(refusal(.recordAgreement(nil), to: p, today: today)).contains(
        "agreement cannot be removed"))
  }

  @Test("delivery notes belong to the do stage")
  func deliveryNotes() throws {
    let note = DeliveryNote(date: d("2025-01-22"), note: "Toe by Toe, page 12")
    #expect(
      try #require(refusal(.addDeliveryNote(note), to: try planned(), today: today)).contains(
        "belong to the do stage"))
    let p = try applying(
      [.enterStage(.do, on: d("2025-01-20")), .addDeliveryNote(note)], to: try planned(),
      today: today)
    #expect(p.currentCycle?.delivery.map(\.note) == ["Toe by Toe, page 12"])
  }

  @Test("a review must rate every outcome")
  func reviewNeedsEveryRating() throws {
    let p = try applying(
      [.enterStage(.do, on: d("2025-01-20")), .enterStage(.review, on: d("2025-03-24"))],
      to: try planned(), today: today)
    let outcomes = try #require(p.currentCycle?.plan.outcomes)
    let partial = Review(
      date: d("2025-03-24"), ratings: [OutcomeRating(outcomeID: outcomes[0].id, rating: .achieved)],
      progress: .expected, decision: .continue)
    let message = try #require(refusal(.recordReview(partial), to: p, today: today))
    #expect(message.contains("Outcome 2"))
    #expect(message.contains("Write three sentences"))
    #expect(message.contains("every outcome needs one"))

    let stray = Review(
      date: d("2025-03-24"),
      ratings: outcomes.map { OutcomeRating(outcomeID: $0.id, rating: .achieved) } + [
        OutcomeRating(outcomeID: 99, rating: .achieved)
      ],
      progress: .expected, decision: .continue)
    #expect(
      try #require(refusal(.recordReview(stray), to: p, today: today)).contains("outcome id 99"))
  }

  @Test("a review is recorded only at the review stage and not before it")
  func reviewStage() throws {
    let p = try PupilEdit.enterStage(.do, on: d("2025-01-20")).apply(
      to: try planned(), today: today)
    let outcomes = try #require(p.currentCycle?.plan.outcomes)
    let review = Review(
      date: d("2025-03-24"),
      ratings: outcomes.map { OutcomeRating(outcomeID: $0.id, rating: .achieved) },
      progress: .expected, decision: .continue)
    #expect(
      try #require(refusal(.recordReview(review), to: p, today: today)).contains(
        "move it to review before recording"))
    let atReview = try PupilEdit.enterStage(.review, on: d("2025-03-24")).apply(to: p, today: today)
    var early = review
    early.date = d("2025-03-20")
    #expect(
      try #require(refusal(.recordReview(early), to: atReview, today: today)).contains(
        "before the start of the review stage"))
  }

  @Test("a reviewed cycle is closed and read-only")
  func closedCycleReadOnly() throws {
    let p = try Fixture.runCycle(try Fixture.onSupport(), start: start, progress: .expected)
    let cycle = try #require(p.currentCycle)
    #expect(cycle.isClosed)
    #expect(cycle.closed == d("2025-03-17"))
    #expect(p.currentStage == nil)
    #expect(p.nextReviewDate == nil)
    let edits: [PupilEdit] = [
      .addOutcome(Fixture.outcome("Another")), .setReviewDate(d("2025-06-01")),
      .setPupilVoice("I like reading now"),
      .enterStage(.review, on: d("2025-03-20")), .recordAgreement(nil),
      .removeOutcome(id: cycle.plan.outcomes[0].id),
    ]
    for edit in edits {
      let message = try #require(refusal(edit, to: p, today: today))
      #expect(message.contains("Cycle 1 was reviewed on 17/03/2025 and is closed"))
    }
  }

  @Test("only one cycle at a time, and a new one starts after the last review")
  func oneCycleAtATime() throws {
    let open = try assessing()
    #expect(
      try #require(
        refusal(.startCycle(on: d("2025-02-01"), carryForward: false), to: open, today: today)
      ).contains("has not been reviewed yet"))
    let reviewed = try Fixture.runCycle(try Fixture.onSupport(), start: start, progress: .expected)
    #expect(
      try #require(
        refusal(.startCycle(on: d("2025-03-10"), carryForward: true), to: reviewed, today: today)
      ).contains("before the last review"))
    let next = try PupilEdit.startCycle(on: d("2025-03-17"), carryForward: false).apply(
      to: reviewed, today: today)
    #expect(next.cycles.map(\.id) == [1, 2])
    #expect(next.currentCycle?.plan.outcomes.isEmpty == true)
  }

  @Test("outcomes not achieved are carried forward with new ids")
  func carryForward() throws {
    var p = try applying(
      [
        .addProvision(
          Provision(
            intervention: "Precision teaching", sessionsPerWeek: 3, minutesPerSession: 10,
            weeks: 10, hourlyRate: Money(pence: 1650))),
        .enterStage(.do, on: d("2025-01-20")), .enterStage(.review, on: d("2025-03-24")),
      ], to: try planned(), today: today)
    let old = try #require(p.currentCycle)
    let (first, second) = (old.plan.outcomes[0], old.plan.outcomes[1])
    var provision = old.plan.provision[0]
    provision.outcomeIDs = [first.id, second.id]
    p = try PupilEdit.updateProvision(provision).apply(to: p, today: today)
    p = try PupilEdit.recordReview(
      Review(
        date: d("2025-03-24"),
        ratings: [
          OutcomeRating(outcomeID: first.id, rating: .achieved),
          OutcomeRating(outcomeID: second.id, rating: .partlyAchieved),
        ],
        progress: .lessThanExpected, decision: .stepUp)
    ).apply(to: p, today: today)
    p = try PupilEdit.startCycle(on: d("2025-03-31"), carryForward: true).apply(to: p, today: today)

    let new = try #require(p.currentCycle)
    #expect(new.id == 2)
    try #require(new.plan.outcomes.count == 1)
    let carried = new.plan.outcomes[0]
    #expect(carried.text == second.text)
    #expect(carried.carriedFrom == second.id)
    #expect(carried.id != second.id)
    #expect(!p.cycles[0].plan.outcomes.map(\.id).contains(carried.id))
    #expect(carried.targetDate == nil)
    #expect(new.plan.agreement == nil)
    #expect(new.plan.reviewDate == nil)
    #expect(new.plan.provision.count == 1)
    #expect(new.plan.provision[0].id != provision.id)
    #expect(new.plan.provision[0].outcomeIDs == [carried.id])
    // The closed cycle keeps its own plan.
    #expect(p.cycles[0].plan.outcomes.map(\.id) == [first.id, second.id])
  }

  @Test(
    "on a −2…+2 scale, +1 and above count as achieved",
    arguments: [(-2, 1), (-1, 1), (0, 1), (1, 0), (2, 0)])
  func carryForwardScale(score: Int, carried: Int) throws {
    let reviewed = try Fixture.runCycle(
      try Fixture.onSupport(), start: start, progress: .expected, rating: .scale(score))
    let p = try PupilEdit.startCycle(on: d("2025-03-31"), carryForward: true).apply(
      to: reviewed, today: today)
    #expect(p.currentCycle?.plan.outcomes.count == carried)
  }

  @Test("outcomes: added with ids, moved, removed with their provision links")
  func outcomes() throws {
    var p = try planned()
    let ids = try #require(p.currentCycle?.plan.outcomes.map(\.id))
    #expect(ids == [1, 2])
    p = try PupilEdit.moveOutcome(id: ids[1], toIndex: 0).apply(to: p, today: today)
    #expect(p.currentCycle?.plan.outcomes.map(\.id) == [2, 1])
    #expect(
      try #require(refusal(.moveOutcome(id: ids[0], toIndex: 5), to: p, today: today)).contains(
        "no position 6"))
    p = try PupilEdit.addProvision(
      Provision(
        intervention: "Write from the Start", sessionsPerWeek: 2, minutesPerSession: 20, weeks: 6,
        hourlyRate: Money(pence: 1650), outcomeIDs: ids)
    ).apply(to: p, today: today)
    p = try PupilEdit.removeOutcome(id: ids[0]).apply(to: p, today: today)
    #expect(p.currentCycle?.plan.outcomes.map(\.id) == [2])
    #expect(p.currentCycle?.plan.provision.first?.outcomeIDs == [2])
    #expect(
      try #require(refusal(.addOutcome(Fixture.outcome("  ")), to: p, today: today)).contains(
        "needs its text"))
  }

  @Test(
    "provision with impossible numbers is refused",
    arguments: [(0, 30, 1, 10), (3, 0, 1, 10), (3, 30, 0, 10), (3, 30, 1, 53)])
  func provisionChecks(sessions: Int, minutes: Int, group: Int, weeks: Int) throws {
    let v = Provision(
      intervention: "Lego therapy", sessionsPerWeek: sessions, minutesPerSession: minutes,
      groupSize: group, weeks: weeks,
      hourlyRate: Money(pence: 1650))
    let message = try #require(refusal(.addProvision(v), to: try planned(), today: today))
    #expect(message.contains("must be between"))
  }

  @Test("a review date cannot be before the cycle")
  func reviewDate() throws {
    let message = try #require(
      refusal(.setReviewDate(d("2024-12-20")), to: try assessing(), today: today))
    #expect(
      message.contains("The review date (20/12/2024) is before the start of the cycle (06/01/2025)")
    )
  }

  @Test(
    "ratings read their codes",
    arguments: [
      ("achieved", Rating.achieved), ("partly", .partlyAchieved), ("not-yet", .notAchieved),
      ("+2", .scale(2)), ("-1", .scale(-1)), ("0", .scale(0)),
    ])
  func ratingCodes(code: String, rating: Rating) {
    #expect(Rating(code: code) == rating)
    #expect(Rating(code: rating.code) == rating)
  }

  @Test("ratings outside the scale are refused", arguments: ["3", "-3", "good", ""])
  func ratingRefused(code: String) {
    #expect(Rating(code: code) == nil)
  }
}

@Suite("a cycle inside its SEN period")
struct CycleStartTests {
  @Test("a cycle cannot start before the pupil's SEN support began")
  func cycleBeforePeriod() throws {
    let pupil = try Fixture.onSupport(from: d("2024-09-09"))
    let message = refusal(
      .startCycle(on: d("2024-09-02"), carryForward: false), to: pupil, today: Fixture.today)
    #expect(message?.contains("is before the start of SEN support (09/09/2024)") == true)
  }
}
