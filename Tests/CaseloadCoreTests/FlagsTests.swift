import Testing

@testable import CaseloadCore

@Suite("Flags")
struct FlagsTests {
  let today = Fixture.today

  /// On SEN support with an open cycle whose plan is reviewed on 24 March 2025.
  func withReviewDate() throws -> Pupil {
    try applying(
      [.startCycle(on: d("2025-01-06"), carryForward: false), .setReviewDate(d("2025-03-24"))],
      to: try Fixture.onSupport(), today: today)
  }

  // MARK: Reviews

  @Test(
    "a review is overdue after its date and due within N days before it",
    arguments: [
      // (today, overdue, due within 14 days)
      ("2025-03-01", false, false),
      ("2025-03-10", false, true),
      ("2025-03-24", false, true),
      ("2025-03-25", true, false),
    ])
  func reviewFlags(on iso: String, overdue: Bool, dueSoon: Bool) throws {
    let p = try withReviewDate()
    #expect(p.nextReviewDate == d("2025-03-24"))
    #expect(p.isReviewOverdue(on: d(iso)) == overdue)
    #expect(p.isReviewDue(on: d(iso), within: 14) == dueSoon)
  }

  @Test("no review flags without a review date, after the review, or for a leaver")
  func noReviewFlags() throws {
    let noDate = try PupilEdit.startCycle(on: d("2025-01-06"), carryForward: false).apply(
      to: try Fixture.onSupport(), today: today)
    #expect(!noDate.isReviewOverdue(on: d("2025-12-01")))
    #expect(!noDate.isReviewDue(on: d("2025-12-01"), within: 365))

    let reviewed = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-01-06"), progress: .expected)
    #expect(!reviewed.isReviewOverdue(on: d("2025-12-01")))

    let left = try PupilEdit.recordLeaving(on: d("2025-03-01")).apply(
      to: try withReviewDate(), today: today)
    #expect(!left.isReviewOverdue(on: d("2025-12-01")))
    #expect(!left.isReviewDue(on: d("2025-03-20"), within: 14))
  }

  // MARK: Parent meetings

  func meeting(_ iso: String, withParents: Bool = true, kind: LogKind = .meeting) -> PupilEdit {
    .log(
      LogEntry(
        kind: kind, date: d(iso), who: "Mrs O'Brien", withParents: withParents, summary: "Progress")
    )
  }

  @Test("parent meetings are counted per school year, 1 September to 31 August")
  func parentMeetingsPerYear() throws {
    let p = try applying(
      [
        meeting("2024-08-31"),  // 2023/24
        meeting("2024-09-01"),  // 2024/25
        meeting("2025-01-15"),
        meeting("2025-08-31"),
        meeting("2025-09-01"),  // 2025/26
        meeting("2025-10-10", withParents: false),  // staff only
        meeting("2025-11-12", kind: .call),  // a call is not a meeting
      ], to: try Fixture.onSupport(), today: today)
    #expect(p.parentMeetings(schoolYearOf: d("2025-08-31")) == 3)
    #expect(p.parentMeetings(schoolYearOf: d("2024-09-01")) == 1)
    #expect(p.parentMeetings(schoolYearOf: d("2025-06-01")) == 2)  // only those up to the day
    #expect(p.parentMeetings(schoolYearOf: d("2025-12-31")) == 1)
    #expect(p.parentMeetings(schoolYearOf: d("2024-08-31")) == 1)
  }

  @Test("meetings with parents go at the terms' pace, for pupils on SEN support only")
  func meetingsAtTheTermsPace() throws {
    let p = try applying(
      [meeting("2025-09-15"), meeting("2025-11-20")], to: try Fixture.onSupport(), today: today)
    func pace(_ iso: String) -> MeetingPace {
      MeetingPace(today: d(iso), settings: .defaults(today: d(iso)))
    }
    // Two held by the spring term, which calls for two: nothing due until the summer term begins.
    #expect(pace("2026-01-20").item(for: p) == nil)
    let summer = pace("2026-05-01")
    #expect(summer.item(for: p)?.due == summer.terms[2].end)
    #expect(summer.item(for: p).map { $0.due < summer.today } == false, "due, not behind")
    // A new school year starts the count again: the autumn term's meeting is due, nobody is behind yet.
    let autumn = pace("2026-09-07")
    #expect(autumn.item(for: p)?.due == autumn.terms[0].end)

    // Monitoring, no SEN, or left: none.
    let monitoring = try PupilEdit.startMonitoring(on: d("2025-09-01")).apply(
      to: Fixture.oisin(), today: today)
    #expect(autumn.item(for: monitoring) == nil)
    #expect(autumn.item(for: Fixture.oisin()) == nil)
    let left = try PupilEdit.recordLeaving(on: d("2025-12-12")).apply(
      to: try Fixture.onSupport(), today: today)
    #expect(autumn.item(for: left) == nil)
  }

  // MARK: Escalation

  @Test("two reviews with less than expected progress on SEN support make an escalation candidate")
  func escalation() throws {
    var p = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-01-06"), progress: .lessThanExpected)
    #expect(p.lessThanExpectedReviews == 1)
    #expect(!p.isEscalationCandidate)
    p = try Fixture.runCycle(p, start: d("2025-03-24"), progress: .expected)
    #expect(p.lessThanExpectedReviews == 1)
    #expect(!p.isEscalationCandidate)
    p = try Fixture.runCycle(p, start: d("2025-06-02"), progress: .lessThanExpected)
    #expect(p.lessThanExpectedReviews == 2)
    #expect(p.isEscalationCandidate)

    // Not while a request is open, nor with a plan.
    let requested = try PupilEdit.requestEHCAssessment(by: .school, on: d("2025-09-08")).apply(
      to: p, today: today)
    #expect(!requested.isEscalationCandidate)
    let refused = try PupilEdit.recordLADecision(.refuse, on: d("2025-10-13")).apply(
      to: requested, today: today)
    #expect(refused.isEscalationCandidate)
    let left = try PupilEdit.recordLeaving(on: d("2025-10-20")).apply(to: p, today: today)
    #expect(!left.isEscalationCandidate)
  }

  @Test("reviews before the current SEN support began do not count")
  func escalationOnlyOnSupport() throws {
    var p = try PupilEdit.startMonitoring(on: d("2024-09-02")).apply(
      to: Fixture.oisin(), today: today)
    p = try Fixture.runCycle(p, start: d("2024-09-09"), progress: .lessThanExpected)
    p = try Fixture.runCycle(p, start: d("2024-11-25"), progress: .lessThanExpected)
    #expect(p.lessThanExpectedReviews == 0)  // monitoring, not SEN support
    #expect(!p.isEscalationCandidate)
    p = try PupilEdit.startSENSupport(on: d("2025-02-10"), needs: [.MLD], parentsInformed: nil)
      .apply(to: p, today: today)
    #expect(p.lessThanExpectedReviews == 0)
    p = try Fixture.runCycle(p, start: d("2025-02-10"), progress: .lessThanExpected)
    #expect(p.lessThanExpectedReviews == 1)
    #expect(!p.isEscalationCandidate)
  }

  @Test("a pupil with an EHC plan is not an escalation candidate")
  func escalationWithPlan() throws {
    var p = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-01-06"), progress: .lessThanExpected)
    p = try Fixture.runCycle(p, start: d("2025-03-24"), progress: .lessThanExpected)
    #expect(p.isEscalationCandidate)
    p = try PupilEdit.startEHCPlanStatus(on: d("2025-07-01"), needs: nil).apply(to: p, today: today)
    #expect(p.lessThanExpectedReviews == 0)
    #expect(!p.isEscalationCandidate)
  }
}
