import Foundation
import Testing

@testable import CaseloadCore

/// A review meeting's draft: what is missing, the default next review date, and the edits that record it.
@Suite("Review meetings")
struct MeetingDraftTests {
  let today = Fixture.today
  let settings = SchoolSettings.defaults(today: d("2026-11-29"))

  @Test(
    "the next review defaults to the same week of the next term",
    arguments: [
      ("2026-10-06", "2027-02-09"),  // week 6 of autumn, a Tuesday → week 6 of spring
      ("2026-11-24", "2027-03-16"),  // week 13 of autumn: spring is shorter, so its last such Tuesday
      ("2026-12-25", "2027-04-09"),  // in the holidays: as if in spring's first week, so summer's first Friday
    ])
  func sameWeekNextTerm(meeting: String, next: String) {
    #expect(settings.sameWeekNextTerm(as: d(meeting)) == d(next))
  }

  /// Oisín's cycle at do, with two outcomes and his mother on the plan.
  func atDo() throws -> Pupil {
    var p = try applying(
      [.startCycle(on: d("2025-09-08"), carryForward: false)], to: Fixture.onSupport(), today: today
    )
    p = try applying(
      [
        .addOutcome(Fixture.outcome("Read a short passage aloud")),
        .addOutcome(Fixture.outcome("Spell 20 common words")),
        .setParticipants([Participant(role: .parentCarer, name: "Aoife O'Brien")]),
        .enterStage(.plan, on: d("2025-09-15")),
        .recordAgreement(Agreement(agreedBy: "Aoife O'Brien", on: d("2025-09-15"))),
        .enterStage(.do, on: d("2025-09-22")),
      ], to: p, today: today)
    return p
  }

  @Test func anUnfinishedMeetingSaysWhatIsMissing() throws {
    let p = try atDo()
    var draft = MeetingDraft(pupil: p, date: d("2025-12-09"), settings: settings)
    #expect(draft.present.map(\.name) == ["Aoife O'Brien"], "the plan's people to start with")
    let outcomes = try #require(p.currentCycle).plan.outcomes
    draft.rate(outcomes[0].id, .achieved)
    #expect(
      draft.missing(for: p) == [
        "Rate outcome 2 (Spell 20 common words).",
        "Say how progress compares with what was expected.", "Choose the decision.",
      ])
    #expect(throws: EditError.self) { try draft.edits(for: p) }
  }

  @Test func aFinishedMeetingIsRecordedInOneGoWithTheNextCycleAndItsReviewDate() throws {
    let p = try atDo()
    var draft = MeetingDraft(pupil: p, date: d("2025-12-09"), settings: settings)
    let outcomes = try #require(p.currentCycle).plan.outcomes
    draft.rate(outcomes[0].id, .achieved)
    draft.rate(outcomes[1].id, .partlyAchieved, note: "Nearly there")
    draft.progress = .expected
    draft.decision = .continue
    draft.nextReview = d("2026-03-10")
    draft.actions = [
      ReviewAction(text: "Send home the word list", owner: "Mrs Dawson", due: d("2025-12-12"))
    ]
    let after = try applying(draft.edits(for: p), to: p, today: today)
    #expect(after.cycles.count == 2)
    let review = try #require(after.cycles[0].review)
    #expect(review.actions.first?.owner == "Mrs Dawson")
    #expect(review.ratings.first { $0.outcomeID == outcomes[1].id }?.note == "Nearly there")
    #expect(
      after.cycles[1].plan.outcomes.map(\.text) == ["Spell 20 common words"], "the one not achieved"
    )
    #expect(after.cycles[1].plan.reviewDate == d("2026-03-10"))
    let meeting = try #require(after.chronology.last)
    #expect(meeting.kind == .meeting && meeting.withParents)
    #expect(meeting.summary == "Review meeting for cycle 1: continue.")
  }

  @Test func anAgreedActionIsCorrectedAfterwardsWithinTheRules() throws {
    let p = try atDo()
    var draft = MeetingDraft(pupil: p, date: d("2025-12-09"), settings: settings)
    for o in try #require(p.currentCycle).plan.outcomes { draft.rate(o.id, .achieved) }
    draft.progress = .expected
    draft.decision = .continue
    draft.actions = [ReviewAction(text: "Send home the word list", owner: "Mrs Dawson")]
    let reviewed = try applying(draft.edits(for: p), to: p, today: today)
    func update(_ a: ReviewAction, index: Int = 0) throws -> Pupil {
      try PupilEdit.updateReviewAction(cycle: 1, index: index, a).apply(to: reviewed, today: today)
    }
    let fixed = try update(
      ReviewAction(
        text: "Send home the word list weekly", owner: "Mrs Dawson (TA)", due: d("2025-12-19"),
        done: d("2025-12-18")))
    let action = try #require(fixed.cycles[0].review?.actions.first)
    #expect(action.text == "Send home the word list weekly" && action.done == d("2025-12-18"))
    #expect(fixed.deadlines.first { $0.ref == .action(cycle: 1, index: 0) }?.met == d("2025-12-18"))
    #expect(throws: EditError.self, "no words") {
      try update(ReviewAction(text: " ", owner: "Mrs Dawson"))
    }
    #expect(throws: EditError.self, "no one") { try update(ReviewAction(text: "x", owner: "")) }
    #expect(throws: EditError.self, "done before the review") {
      try update(ReviewAction(text: "x", owner: "y", done: d("2025-12-01")))
    }
    #expect(throws: EditError.self, "done in the future") {
      try update(ReviewAction(text: "x", owner: "y", done: today.adding(days: 1)))
    }
    #expect(throws: EditError.self, "no such action") {
      try update(ReviewAction(text: "x", owner: "y"), index: 1)
    }
  }

  @Test func oldReviewsWithoutActionsStillRead() throws {
    let json = """
      {"date":"2025-01-01","ratings":[],"progress":"expected","pupilViews":"","parentViews":"",
       "supportRight":"","decision":"continue","participants":[]}
      """
    let review = try JSONDecoder().decode(Review.self, from: Data(json.utf8))
    #expect(review.actions.isEmpty)
  }

  @Test func aDecisionThatEndsTheCyclesAsksForNoNextReviewAndADateBeforeTheMeetingIsRefused() throws
  {
    let p = try atDo()
    var draft = MeetingDraft(pupil: p, date: d("2025-12-09"), settings: settings)
    for o in try #require(p.currentCycle).plan.outcomes { draft.rate(o.id, .achieved) }
    draft.progress = .betterThanExpected
    draft.decision = .continue
    draft.nextReview = d("2025-12-01")
    #expect(draft.missing(for: p) == ["The next review (01/12/2025) must come after this meeting."])
    draft.decision = .removeFromRegister
    draft.nextReview = nil
    #expect(!draft.opensNextCycle(for: p))
    #expect(draft.missing(for: p).isEmpty, "leaving the register sets no next review")
  }
}
