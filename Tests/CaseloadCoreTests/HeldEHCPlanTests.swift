import Testing

@testable import CaseloadCore

/// A school that starts with Caseload mid-stream records the EHC plans its pupils already hold: every statutory
/// date follows from the issue date and the last annual review, and nothing before Caseload shows as missed.
@Suite("EHC plans held before Caseload")
struct HeldEHCPlanTests {
  let today = Fixture.today  // 31/12/2025; Oisín is in Year 6

  /// Oisín as the MIS import leaves a pupil on an EHC plan: E since he joined, no plan record.
  func fromTheMIS() throws -> Pupil {
    var p = Fixture.oisin()
    p.joined = d("2022-09-05")
    return try applying(
      [.startEHCPlanStatus(on: d("2022-09-05"), needs: [.ASD])], to: p, today: today)
  }

  @Test func anEWithoutAPlanIsFlaggedUntilThePlanIsRecorded() throws {
    let p = try fromTheMIS()
    let missing = try #require(p.openDeadlines(on: today).first { $0.kind == .ehcPlanDates })
    #expect(missing.due == d("2022-09-05") && missing.ref == .ehc)
    #expect(missing.title == "EHC plan dates missing: record the plan as held")
    #expect(missing.kind.isEHC && !missing.kind.isMarkedDone)

    let held = try PupilEdit.recordHeldEHCPlan(
      issued: d("2021-03-10"), authority: " Cumbria County Council ", lastReview: d("2025-03-04")
    ).apply(to: p, today: today)
    let open = held.openDeadlines(on: today)
    #expect(!open.contains { $0.kind == .ehcPlanDates })
    // The next annual review a year after the last one; the Year 6 transfer in February; nothing missed.
    #expect(open.first { $0.kind == .ehcAnnualReview }?.due == d("2026-03-04"))
    #expect(open.first { $0.kind == .ehcPhaseTransfer }?.due == d("2026-02-15"))
    #expect(open.allSatisfy { $0.due >= today }, "\(open.map(\.kind))")
    #expect(held.ehc.plan?.held?.authority == "Cumbria County Council")
    #expect(held.senPeriods.count == 1, "already on E: the period is kept")
  }

  @Test func aChildUnderFiveIsReviewedEverySixMonths() throws {
    var p = Pupil(
      id: AggregateID("p-ada"), legalName: PersonName(given: "Ada", family: "Quayle"),
      dateOfBirth: d("2022-01-20"))
    p.joined = d("2025-09-03")
    p = try PupilEdit.recordHeldEHCPlan(
      issued: d("2025-08-01"), authority: "Leeds", lastReview: nil, needs: [.SLCN]
    ).apply(to: p, today: today)
    #expect(p.status == .ehcPlan && p.needs == [.SLCN])
    #expect(
      p.openPeriod?.start == d("2025-09-03"), "E from when she joined, after the plan's issue")
    #expect(
      p.openDeadlines(on: today).first { $0.kind == .ehcAnnualReview }?.due == d("2026-02-01"))
  }

  @Test(
    "what is refused, and why",
    arguments: [
      (
        PupilEdit.recordHeldEHCPlan(issued: d("2021-03-10"), authority: "", lastReview: nil),
        "Name the local authority that issued the plan."
      ),
      (
        .recordHeldEHCPlan(issued: d("2026-01-02"), authority: "Leeds", lastReview: nil),
        "The plan's issue date (02/01/2026) cannot be in the future."
      ),
      (
        .recordHeldEHCPlan(
          issued: d("2021-03-10"), authority: "Leeds", lastReview: d("2021-01-01")),
        "The last annual review (01/01/2021) is before the plan's issue (10/03/2021)."
      ),
      (
        .recordHeldEHCPlan(issued: d("2021-03-10"), authority: "Leeds", lastReview: nil),
        "A plan issued on 10/03/2021 has had an annual review since: give the date of the last one."
      ),
    ])
  func refusals(edit: PupilEdit, message: String) throws {
    #expect(refusal(edit, to: try fromTheMIS(), today: today) == message)
  }

  @Test func aPlanAlreadyRecordedOrARequestInProgressIsNotOverwritten() throws {
    let held = try PupilEdit.recordHeldEHCPlan(
      issued: d("2025-06-10"), authority: "Leeds", lastReview: nil
    ).apply(to: try fromTheMIS(), today: today)
    #expect(
      refusal(
        .recordHeldEHCPlan(issued: d("2025-07-01"), authority: "Leeds", lastReview: nil), to: held,
        today: today) == "Oisín O'Brien already has an EHC plan recorded (issued 10/06/2025).")
    let requested = try PupilEdit.requestEHCAssessment(by: .school, on: d("2025-11-03")).apply(
      to: try Fixture.onSupport(), today: today)
    #expect(
      refusal(
        .recordHeldEHCPlan(issued: d("2025-07-01"), authority: "Leeds", lastReview: nil),
        to: requested, today: today)
        == "An EHC request of 03/11/2025 is in progress: record its final plan instead.")
  }

  @Test func aPupilOnSupportMovesToEOnTheDayThePlanWasIssued() throws {
    let p = try PupilEdit.recordHeldEHCPlan(
      issued: d("2025-10-01"), authority: "Leeds", lastReview: nil
    ).apply(to: try Fixture.onSupport(), today: today)
    #expect(p.status == .ehcPlan && p.needs == [.SPLD])
    #expect(p.senPeriods.map(\.status) == [.senSupport, .ehcPlan])
    #expect(p.senPeriods.first?.end == d("2025-10-01"))
  }
}
