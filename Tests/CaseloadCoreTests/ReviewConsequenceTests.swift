import Testing

@testable import CaseloadCore

/// What a review's decision sets in motion, applied after the review.
@Suite("Review decisions")
struct ReviewConsequenceTests {
  let today = Fixture.today

  /// Oisín's cycle reviewed on 18 November 2024 (outcome not achieved), then the decision's edits applied.
  func decided(_ decision: ReviewDecision, from pupil: Pupil? = nil) throws -> Pupil {
    let start = d("2024-09-09")
    let reviewed = try Fixture.runCycle(
      try pupil ?? Fixture.onSupport(), start: start, progress: .lessThanExpected,
      decision: decision)
    let day = try #require(reviewed.cycles.last?.closed)
    return try applying(decision.consequences(for: reviewed, on: day), to: reviewed, today: today)
  }

  @Test func continuingOpensTheNextCycleCarryingTheOutcomeForward() throws {
    let p = try decided(.continue)
    #expect(p.cycles.count == 2)
    #expect(p.currentCycle?.stage == .assess)
    #expect(p.currentCycle?.plan.outcomes.map(\.text) == ["Read a short passage aloud"])
    #expect(p.status == .senSupport)
  }

  @Test func steppingUpFromMonitoringPutsThePupilOnSENSupportWithNSAUntilANeedIsKnown() throws {
    let monitored = try applying(
      [.startMonitoring(on: d("2024-09-02"))], to: Fixture.oisin(), today: today)
    let p = try decided(.stepUp, from: monitored)
    #expect(p.status == .senSupport)
    #expect(p.needs == [.NSA])
    #expect(p.openPeriod?.parentsInformed == p.cycles.first?.closed, "told at the review")
    #expect(p.cycles.count == 2)
  }

  @Test func steppingDownFromSENSupportMovesToMonitoringAndKeepsACycle() throws {
    let p = try decided(.stepDown)
    #expect(p.status == .monitoring)
    #expect(p.cycles.count == 2)
  }

  @Test func removingTakesThePupilOffTheRegisterWithNoFurtherCycle() throws {
    let p = try decided(.removeFromRegister)
    #expect(p.status == nil)
    #expect(p.cycles.count == 1)
  }

  @Test func requestingAnAssessmentOpensTheRequestAndSupportContinues() throws {
    let p = try decided(.requestEHCAssessment)
    #expect(p.ehc.requests.count == 1)
    #expect(p.ehc.requests[0].requestedBy == .school)
    #expect(p.ehc.requests[0].requested == p.cycles.first?.closed)
    #expect(p.cycles.count == 2)
  }
}
