import Testing

@testable import CaseloadCore

/// Phase transfers come from the school's phases: an infant school's pupils move on after Year 2, a first
/// school's after Year 4; the amended plan is due by 15 February (31 March after Year 11).
@Suite("Phase transfers")
struct PhaseTransferTests {
  let today = d("2025-12-31")

  /// Ada, born 01/05/2019, is in Year 2 in 2025/26, with an EHC plan held since March 2025.
  func ada() throws -> Pupil {
    let p = Pupil(
      id: AggregateID("p-ada"), legalName: PersonName(given: "Ada", family: "Quayle"),
      dateOfBirth: d("2019-05-01"))
    return try PupilEdit.recordHeldEHCPlan(
      issued: d("2025-03-03"), authority: "Leeds", lastReview: nil, needs: [.ASD]
    ).apply(to: p, today: today)
  }

  func transfers(_ p: Pupil, _ years: [Int]) -> [String] {
    p.deadlines(transfers: years).filter { $0.kind == .ehcPhaseTransfer }
      .map { "\($0.due.iso) \($0.detail)" }
  }

  @Test func aSchoolsPhasesSayWhichTransfersArePlannedFor() throws {
    let p = try ada()
    #expect(
      transfers(p, StatutoryLimits.phaseTransferYears) == [
        "2030-02-15 move to secondary school", "2035-03-31 move to post-16",
      ])
    // An infant school: Year 2 moves to the junior school this February.
    #expect(
      transfers(p, [-1, 2, 6, 11]) == [
        "2026-02-15 move to junior school (Year 3)", "2030-02-15 move to secondary school",
        "2035-03-31 move to post-16",
      ])
    // First, middle and upper schools.
    #expect(transfers(p, [-1, 4, 8, 11]).first == "2028-02-15 move to the next school (Year 5)")
    var settings = SchoolSettings.defaults(today: today)
    settings = try SettingsEdit.setPhaseTransfers([-1, 2, 6, 11]).apply(to: settings)
    #expect(settings.transferYears == [-1, 2, 6, 11])
    #expect(
      try SettingsEdit.setPhaseTransfers([11, -1, 6]).apply(to: settings).phaseTransferYears == nil)
    #expect(throws: EditError.self) { try SettingsEdit.setPhaseTransfers([14]).apply(to: settings) }
    #expect(StatutoryLimits.phaseAfter(2) == "junior school (Year 3)")
  }
}
