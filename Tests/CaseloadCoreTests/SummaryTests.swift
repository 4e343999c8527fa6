import Foundation
import Testing

@testable import CaseloadCore

@Suite("Pupil summaries and edit summaries")
struct SummaryTests {
  let today = Fixture.today

  @Test("a summary carries what the lists need")
  func pupilSummary() throws {
    var p = try Fixture.onSupport(needs: [.SPLD, .SLCN])
    p.preferredName = PersonName(given: "Ossie", family: "O'Brien")
    p.upn = "H801200001001"
    p.registrationGroup = "6K"
    p.yearGroupOffset = -1
    p = try applying(
      [
        .log(
          LogEntry(
            kind: .meeting, date: d("2025-10-01"), who: "Mrs O'Brien", withParents: true,
            summary: "Plan")),
        .log(
          LogEntry(
            kind: .meeting, date: d("2025-03-01"), who: "Mrs O'Brien", withParents: true,
            summary: "Plan")),
        .log(
          LogEntry(
            kind: .meeting, date: d("2025-05-01"), who: "Educational psychologist",
            summary: "Advice")),
        .startCycle(on: d("2025-09-08"), carryForward: false),
        .setReviewDate(d("2026-01-19")),
      ], to: p, today: today)
    let s = PupilSummary(p)
    #expect(s.id == AggregateID("p-oisin"))
    #expect(s.displayName == "Ossie O'Brien")
    #expect(s.legalName == "Oisín O'Brien")
    #expect(s.sortName == "o'brien, ossie")
    #expect(s.searchKey.contains("oisin"))
    #expect(s.searchKey.contains("ossie"))
    #expect(s.searchKey.contains("o'brien"))
    #expect(s.searchKey.contains("h801200001001"))
    #expect(s.dateOfBirth == d("2014-10-15"))
    #expect(s.yearGroupOffset == -1)
    #expect(s.yearGroup(on: today).number == 5)
    #expect(s.upn == "H801200001001")
    #expect(s.registrationGroup == "6K")
    #expect(s.status == .senSupport)
    #expect(s.censusCode == .K)
    #expect(s.primaryNeed == .SPLD)
    #expect(s.secondaryNeed == .SLCN)
    #expect(s.stage == .assess)
    #expect(s.nextDue == d("2026-01-19"))
    #expect(s.nextDueKind == .planReview)
    #expect(s.left == nil)
    #expect(s.lessThanExpectedReviews == 0)
    #expect(!s.escalationCandidate)
    #expect(s.parentMeetings == [d("2025-03-01"), d("2025-10-01")])
  }

  @Test("a summary of a pupil with no SEN")
  func emptySummary() {
    let s = PupilSummary(Fixture.zoe())
    #expect(s.status == nil)
    #expect(s.censusCode == .N)
    #expect(s.primaryNeed == nil)
    #expect(s.secondaryNeed == nil)
    #expect(s.stage == nil)
    #expect(s.nextDue == nil)
    #expect(s.searchKey == "zoe adeyemi-hart zoe adeyemi-hart")
    #expect(s.parentMeetings.isEmpty)
  }

  @Test("a summary of an escalation candidate who has left")
  func escalationSummary() throws {
    var p = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-01-06"), progress: .lessThanExpected)
    p = try Fixture.runCycle(p, start: d("2025-03-24"), progress: .lessThanExpected)
    let s = PupilSummary(p)
    #expect(s.lessThanExpectedReviews == 2)
    #expect(s.escalationCandidate)
    #expect(s.stage == nil)  // between cycles
    let left = PupilSummary(
      try PupilEdit.recordLeaving(on: d("2025-07-18")).apply(to: p, today: today))
    #expect(left.left == d("2025-07-18"))
    #expect(!left.escalationCandidate)
  }

  @Test("summaries survive encoding")
  func summaryCodable() throws {
    let s = PupilSummary(try Fixture.onSupport())
    let back = try JSONDecoder().decode(PupilSummary.self, from: try JSONEncoder().encode(s))
    #expect(back == s)
  }

  @Test("pupils survive encoding, dates as text")
  func pupilCodable() throws {
    let p = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-01-06"), progress: .expected, rating: .scale(1))
    let data = try JSONEncoder().encode(p)
    #expect(try JSONDecoder().decode(Pupil.self, from: data) == p)
    let json = String(decoding: data, as: UTF8.self)
    #expect(json.contains(#""dateOfBirth":"2014-10-15""#))
    #expect(json.contains(#""rating":"+1""#))
  }

  // MARK: Edit summaries

  /// Oisín with a plan of two outcomes, both due 21 March 2025.
  func planned() throws -> Pupil {
    try applying(
      [
        .startCycle(on: d("2025-01-06"), carryForward: false),
        .addOutcome(Fixture.outcome("Read 20 high-frequency words", target: d("2025-03-21"))),
        .addOutcome(
          Fixture.outcome("Write three sentences independently", target: d("2025-03-21"))),
      ], to: try Fixture.onSupport(), today: today)
  }

  func summary(_ edit: PupilEdit, on before: Pupil) throws -> String {
    let after = try edit.apply(to: before, today: today)
    return edit.summary(before: before, after: after)
  }

  @Test("moving an outcome's target date")
  func targetDate() throws {
    let before = try planned()
    var outcome = try #require(before.currentCycle?.plan.outcomes[1])
    outcome.targetDate = d("2025-04-04")
    #expect(
      try summary(.updateOutcome(outcome), on: before)
        == "Oisín O'Brien: outcome 2: target date 21/03/2025 → 04/04/2025")
    outcome.targetDate = nil
    #expect(
      try summary(.updateOutcome(outcome), on: before)
        == "Oisín O'Brien: outcome 2: target date 21/03/2025 → none")
    outcome.text = "Write four sentences independently"
    #expect(
      try summary(.updateOutcome(outcome), on: before)
        == "Oisín O'Brien: outcome 2 changed: Write four sentences independently")
  }

  @Test(
    "one line per edit, naming the pupil and the change",
    arguments: [
      (PupilEdit.setNeeds([.SPLD, .SEMH]), "Oisín O'Brien: needs SPLD → SPLD, SEMH"),
      (.setReviewDate(d("2025-03-24")), "Oisín O'Brien: review date none → 24/03/2025"),
      (
        .enterStage(.plan, on: d("2025-01-13")),
        "Oisín O'Brien: cycle 1 moved to plan on 13/01/2025"
      ),
      (
        .addOutcome(Fixture.outcome("Count to 100 in tens")),
        "Oisín O'Brien: outcome 3 added: Count to 100 in tens"
      ),
      (.removeOutcome(id: 1), "Oisín O'Brien: outcome 1 removed: Read 20 high-frequency words"),
      (.moveOutcome(id: 2, toIndex: 0), "Oisín O'Brien: outcome 2 moved to 1"),
      (
        .addProvision(
          Provision(
            intervention: "Precision teaching", sessionsPerWeek: 3, minutesPerSession: 30,
            weeks: 10, hourlyRate: Money(pence: 1650))),
        "Oisín O'Brien: provision added: Precision teaching (£247.50)"
      ),
      (
        .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: d("2025-01-15"))),
        "Oisín O'Brien: plan agreed by Mrs O'Brien on 15/01/2025"
      ),
      (.setUPN("H801200001001"), "Oisín O'Brien: UPN none → H801200001001"),
      (.recordLeaving(on: d("2025-07-18")), "Oisín O'Brien: left on 18/07/2025"),
      (
        .requestEHCAssessment(by: .parent, on: d("2025-06-02")),
        "Oisín O'Brien: EHC needs assessment requested by the parent on 02/06/2025"
      ),
      (
        .startEHCPlanStatus(on: d("2025-06-02"), needs: nil),
        "Oisín O'Brien: EHC plan (E) from 02/06/2025"
      ),
      (
        .log(
          LogEntry(
            kind: .call, date: d("2025-02-03"), who: "Mrs O'Brien",
            summary: "Worried about spelling tests at home")),
        "Oisín O'Brien: phone call logged 03/02/2025: Worried about spelling tests at home"
      ),
    ])
  func lines(edit: PupilEdit, line: String) throws {
    #expect(try summary(edit, on: try planned()) == line)
  }

  @Test("creating and renaming")
  func createAndRename() throws {
    let created = try PupilEdit.create(Fixture.oisin()).apply(to: nil, today: today)
    #expect(
      PupilEdit.create(Fixture.oisin()).summary(before: nil, after: created)
        == "Oisín O'Brien: added (born 15/10/2014)")
    let rename = PupilEdit.setNames(
      legal: PersonName(given: "Oisín", family: "O'Brien-Walsh"), preferred: nil)
    #expect(
      try summary(rename, on: created)
        == "Oisín O'Brien-Walsh: name Oisín O'Brien → Oisín O'Brien-Walsh")
  }

  @Test("a review's line gives progress and decision")
  func reviewLine() throws {
    let p = try applying(
      [
        .enterStage(.plan, on: d("2025-01-13")),
        .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: d("2025-01-15"))),
        .enterStage(.do, on: d("2025-01-20")),
        .enterStage(.review, on: d("2025-03-24")),
      ], to: try planned(), today: today)
    let ratings = try #require(p.currentCycle?.plan.outcomes).map {
      OutcomeRating(outcomeID: $0.id, rating: .partlyAchieved)
    }
    let edit = PupilEdit.recordReview(
      Review(
        date: d("2025-03-24"), ratings: ratings, progress: .lessThanExpected, decision: .stepUp))
    #expect(
      try summary(edit, on: p)
        == "Oisín O'Brien: cycle 1 reviewed 24/03/2025: progress less than expected, step support up"
    )
  }
}
