import Testing

@testable import CaseloadCore

/// The census indicators for a SEN unit or resourced provision place, and their rule: only with K or E.
@Suite("SEN unit and resourced provision")
struct SpecialistProvisionTests {
  let today = Fixture.today

  @Test func aPlaceIsRecordedOnlyWithKOrEAndEndsWithTheStatus() throws {
    #expect(
      refusal(.setSpecialistProvision(.senUnit), to: Fixture.oisin(), today: today)
        == "A SEN unit place is recorded only for a pupil on SEN support (K) or an EHC plan (E); Oisín O'Brien is N."
    )
    let inUnit = try PupilEdit.setSpecialistProvision(.senUnit).apply(
      to: try Fixture.onSupport(), today: today)
    #expect(inUnit.specialistProvision == .senUnit)
    // Moving to E keeps the place; ending SEN support ends it.
    let onE = try PupilEdit.startEHCPlanStatus(on: d("2025-11-03"), needs: [.SPLD]).apply(
      to: inUnit, today: today)
    #expect(onE.specialistProvision == .senUnit)
    let off = try PupilEdit.endSEN(on: d("2025-12-01")).apply(to: onE, today: today)
    #expect(off.specialistProvision == nil)
    let cleared = try PupilEdit.setSpecialistProvision(nil).apply(to: inUnit, today: today)
    #expect(cleared.specialistProvision == nil)
  }
}
