import Testing

@testable import CaseloadCore

/// The statutory rules of the SEND Regulations 2014 and the Code of Practice, as worked examples.
@Suite("Statutory rules")
struct StatutoryRulesTests {
  let today = Fixture.today  // 31/12/2025

  /// Oisín's request of 06/01/2025, which the LA refused on 10/02/2025.
  func refused() throws -> Pupil {
    try applying(
      [
        .requestEHCAssessment(by: .parent, on: d("2025-01-06")),
        .recordLADecision(.refuse, on: d("2025-02-10")),
      ], to: try Fixture.onSupport(), today: today)
  }

  @Test func theAppealWindowIsTwoMonthsFromTheDecisionOrAMonthFromMediationIfLater() throws {
    let p = try refused()
    let appeal = { (p: Pupil) in p.deadlines.first { $0.kind == .ehcAppeal }?.due }
    #expect(appeal(p) == d("2025-04-10"), "two months from the decision")
    let early = try PupilEdit.recordMediationCertificate(on: d("2025-02-20")).apply(
      to: p, today: today)
    #expect(appeal(early) == d("2025-04-10"), "a month from an early certificate is sooner")
    let late = try PupilEdit.recordMediationCertificate(on: d("2025-04-01")).apply(
      to: p, today: today)
    #expect(appeal(late) == d("2025-05-01"), "a month from a late certificate is later")
    #expect(
      refusal(.recordMediationCertificate(on: d("2025-02-01")), to: p, today: today)
        == "The mediation certificate's date (01/02/2025) is before the refusal (10/02/2025).")
    #expect(
      refusal(
        .recordMediationCertificate(on: d("2025-03-01")), to: try Fixture.onSupport(), today: today)
        == "There is no refusal to assess for mediation to be about.")
  }

  @Test func aRefusalIsSaidWithTheDayTheAppealClosesUntilItCloses() throws {
    let p = try refused()
    #expect(
      p.ehc.refusalText(on: d("2025-03-01"))
        == "The LA refused to assess on 10/02/2025: parents may appeal until 10/04/2025 (a mediation certificate first)."
    )
    #expect(p.ehc.refusalText(on: d("2025-04-11")) == "The LA refused to assess on 10/02/2025.")
    let appealed = try PupilEdit.recordAppeal(on: d("2025-03-03")).apply(to: p, today: today)
    #expect(appealed.ehc.refusal(on: d("2025-03-04"))?.appealUntil == nil)
  }

  @Test func aRepeatRequestIsWarnedSixMonthsFromAnAssessmentCarriedOutNotFromARefusal() throws {
    let request = PupilEdit.requestEHCAssessment(by: .school, on: d("2025-04-01"))
    #expect(request.warnings(for: try refused()).isEmpty, "a refusal starts no clock")
    let assessed = try applying(
      [
        .requestEHCAssessment(by: .school, on: d("2025-01-06")),
        .recordLADecision(.assess, on: d("2025-02-10")),
        .recordNoPlanNotice(on: d("2025-04-28")),
      ], to: try Fixture.onSupport(), today: today)
    #expect(
      PupilEdit.requestEHCAssessment(by: .school, on: d("2025-09-01")).warnings(for: assessed)
        == [
          "An EHC needs assessment was carried out less than 6 months ago (it ended on 28/04/2025); the LA need not assess again before 28/10/2025."
        ])
    #expect(
      PupilEdit.requestEHCAssessment(by: .school, on: d("2025-10-28")).warnings(for: assessed)
        .isEmpty)
  }

  @Test func anAmendmentNoticeStartsTheEightWeeksForTheAmendedPlan() throws {
    let p = try applying(
      [
        .requestEHCAssessment(by: .school, on: d("2024-09-02")),
        .recordLADecision(.assess, on: d("2024-10-07")),
        .recordFinalPlan(on: d("2025-01-13")),
        .scheduleAnnualReview(meeting: d("2025-11-17")),
      ], to: try Fixture.onSupport(from: d("2024-06-03")), today: today)
    #expect(!p.deadlines.contains { $0.kind == .ehcAmendedPlan })
    let noticed = try PupilEdit.recordAmendmentNotice(on: d("2025-12-08")).apply(
      to: p, today: today)
    #expect(noticed.deadlines.first { $0.kind == .ehcAmendedPlan }?.due == d("2026-02-02"))
    #expect(
      refusal(.recordAmendmentNotice(on: d("2025-11-10")), to: p, today: today)
        == "The amendment notice's date (10/11/2025) is before the review meeting (17/11/2025).")
  }

  @Test func aFinalPlanBeforeTheDecisionNamesTheDecisionNotAMissingDraft() throws {
    let assessing = try applying(
      [
        .requestEHCAssessment(by: .school, on: d("2025-01-06")),
        .recordLADecision(.assess, on: d("2025-02-10")),
      ], to: try Fixture.onSupport(), today: today)
    #expect(
      refusal(.recordFinalPlan(on: d("2025-02-01")), to: assessing, today: today)
        == "The final plan's date (01/02/2025) is before the decision to assess (10/02/2025).")
    let drafted = try PupilEdit.recordDraftPlan(on: d("2025-05-12")).apply(
      to: assessing, today: today)
    #expect(
      refusal(.recordFinalPlan(on: d("2025-05-01")), to: drafted, today: today)
        == "The final plan's date (01/05/2025) is before the draft plan (12/05/2025).")
  }
}
