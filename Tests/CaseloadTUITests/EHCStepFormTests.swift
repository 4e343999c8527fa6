import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Recording the steps of the EHC process, with the statutory dates they open shown in the form.
@Suite struct EHCStepFormTests {
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func aRequestOpensTheDecisionDeadlineAndTheNextStepIsOffered() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("E"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — EHC process"))
    #expect(backend.text.contains("No EHC request in progress."))
    #expect(backend.text.contains("Request an EHC needs assessment (school)"))
    AppRunner.step(&app, [.key(.ctrl("s"))], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien"))
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    let requests = try #require(try store.pupil(AggregateID("ptui1"))).value.ehc.requests
    #expect(requests.count == 1 && requests[0].requestedBy == .school)
    #expect(requests[0].requested == Day(iso: "2026-11-29"))

    AppRunner.step(&app, [.key(.char("E"))], on: backend)
    #expect(backend.text.contains("LA decides whether to assess — by 10/01/2027 (due in 42 days)"))
    #expect(backend.text.contains("LA decided to assess"), "the likely next step is offered")
  }

  @Test func aStepOutOfOrderIsRefusedWithTheReason() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("E")), .key(.enter)], on: backend)
    AppRunner.step(&app, type("final") + [.key(.enter), .key(.ctrl("s"))], on: backend)
    #expect(app.editor != nil, "nothing saved")
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    #expect(try #require(try store.pupil(AggregateID("ptui1"))).value.ehc.requests.isEmpty)
    #expect(backend.lines[backend.lines.count - 2].contains("request"), "the refusal says why")
  }
}

extension EHCStepFormTests {
  @Test func anAnnualReviewIsFollowedStepByStep() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let today = Day(iso: "2026-11-29")!
    let other = try Store.open(at: folder.path + "/caseload.sqlite")
    try other.perform { step in
      let id = AggregateID("ptui1")
      for edit: PupilEdit in [
        .requestEHCAssessment(by: .school, on: Day(iso: "2026-01-05")!),
        .recordLADecision(.assess, on: Day(iso: "2026-02-09")!),
        .recordAdviceRequested(on: Day(iso: "2026-02-10")!),
        .recordAdviceReturned(on: Day(iso: "2026-03-20")!),
        .recordDraftPlan(on: Day(iso: "2026-04-20")!),
        .recordFinalPlan(on: Day(iso: "2026-05-18")!),
        .scheduleAnnualReview(meeting: Day(iso: "2026-12-14")!),
      ] {
        try step.edit(id, edit, today: today)
      }
    }
    AppRunner.step(&app, [.key(.char("o")), .key(.char("E"))], on: backend)
    #expect(backend.text.contains("Annual review: invitations sent"), "the likely next step")
    AppRunner.step(&app, [.key(.ctrl("s"))], on: backend)
    let review = try #require(try other.pupil(AggregateID("ptui1"))?.value.ehc.plan?.reviews.last)
    #expect(review.invitationsSent == today)
    AppRunner.step(&app, [.key(.char("E"))], on: backend)
    #expect(backend.text.contains("Annual review: school's report sent to the LA"))
  }

  /// 王秀英 is monitored (no need recorded) when the LA issues a final plan: the form asks for the need and the
  /// move to E is the same step.
  @Test func aFinalPlanForAMonitoredPupilAsksForTheNeed() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let id = AggregateID("ptui4")
    let today = Day(iso: "2026-11-29")!
    try app.store.perform { step in
      try step.edit(id, .startMonitoring(on: Day(iso: "2026-01-05")!), today: today)
      try step.edit(
        id, .requestEHCAssessment(by: .parent, on: Day(iso: "2026-03-02")!), today: today)
      try step.edit(id, .recordLADecision(.assess, on: Day(iso: "2026-04-13")!), today: today)
    }
    AppRunner.step(
      &app, [.key(.char("/"))] + type("秀英") + [.key(.enter), .key(.char("E"))], on: backend)
    #expect(backend.text.contains("Primary need"))
    // Final plan, today, for ASD.
    AppRunner.step(&app, [.key(.enter)] + type("final") + [.key(.enter)], on: backend)
    AppRunner.step(
      &app, [.key(.tab), .key(.tab), .key(.enter)] + type("ASD") + [.key(.enter)], on: backend)
    AppRunner.step(&app, [.key(.ctrl("s"))], on: backend)
    #expect(app.editor == nil, "\(app.editor?.message?.text ?? "")")
    let p = try #require(try app.store.pupil(id)).value
    #expect(p.status == .ehcPlan && p.needs == [.ASD])
  }
}

extension EHCStepFormTests {
  /// Lily came from the MIS on E with no plan record: the deadlines flag it, Enter opens the EHC form at
  /// "already held", and recording the plan replaces the flag with its statutory dates.
  @Test func anEFromTheMISIsFlaggedAndItsPlanRecordedAsHeld() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 110, height: 32)
    let lily = AggregateID("ptui2")
    let today = Day(iso: "2026-11-29")!
    try app.store.edit(
      lily, .startEHCPlanStatus(on: Day(iso: "2024-09-02")!, needs: [.ASD]), today: today)
    AppRunner.step(&app, [.key(.char("D")), .key(.char("/"))] + type("plan dates"), on: backend)
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("EHC plan dates missing: record the plan as held"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("Lily Atkinson — EHC process"))
    #expect(backend.text.contains("EHC plan already held (issued before Caseload)"))
    #expect(backend.text.contains("On an EHC plan (E) with no plan recorded"))
    // Step, Date (the issue), Local authority, Last annual review.
    AppRunner.step(
      &app,
      [.key(.tab), .key(.ctrl("u"))] + type("10/03/2021") + [.key(.tab)]
        + type("Cumbria County Council") + [.key(.tab)] + type("02/03/2026") + [.key(.ctrl("s"))],
      on: backend)
    #expect(app.editor == nil, "\(app.editor?.message?.text ?? "")")
    #expect(
      app.message?.text
        == "Saved: Lily Atkinson: EHC plan held: issued 10/03/2021 by Cumbria County Council, last annual review 02/03/2026"
    )
    #expect(backend.text.contains("Nothing matches"), "the flag is gone")
    let plan = try #require(try app.store.pupil(lily)?.value.ehc.plan)
    #expect(
      plan.issued == Day(iso: "2021-03-10") && plan.held?.lastReview == Day(iso: "2026-03-02"))
    AppRunner.step(&app, [.key(.char("F")), .key(.char("w")), .key(.char("w"))], on: backend)
    #expect(backend.text.contains("02/03/2027"), "the next annual review, a year after the last")
  }
}

extension EHCStepFormTests {
  /// After a refusal the form says so, with the appeal's last day, and offers mediation, then the appeal.
  @Test func aRefusalOffersMediationThenTheAppealNotANewRequest() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 130, height: 30)
    let oisin = AggregateID("ptui1")
    let today = Day(iso: "2026-11-29")!
    try app.store.perform { step in
      try step.edit(
        oisin, .requestEHCAssessment(by: .parent, on: Day(iso: "2026-09-21")!), today: today)
      try step.edit(oisin, .recordLADecision(.refuse, on: Day(iso: "2026-10-26")!), today: today)
    }
    AppRunner.step(&app, [.key(.char("o")), .key(.enter)], on: backend)
    #expect(backend.text.contains("The LA refused to assess on 26/10/2026"), "the overview says it")
    AppRunner.step(&app, [.key(.char("E"))], on: backend)
    #expect(
      backend.text.contains(
        "The LA refused to assess on 26/10/2026: parents may appeal until 26/12/2026"))
    #expect(backend.text.contains("Mediation certificate issued"))
    AppRunner.step(&app, [.key(.ctrl("s"))], on: backend)
    AppRunner.step(&app, [.key(.char("E"))], on: backend)
    #expect(backend.text.contains("Parents appealed"), "the certificate recorded, the appeal next")
    #expect(
      try app.store.pupil(oisin)?.value.ehc.requests.last?.mediationCertificate == today)
  }
}
