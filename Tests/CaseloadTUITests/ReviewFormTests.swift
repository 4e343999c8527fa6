import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Moving a cycle through its stages and recording its review from the plan editor.
@Suite struct ReviewFormTests {
  let helper = PlanEditorTests()
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  func keys(_ keys: Key...) -> [AppEvent] { keys.map { .key($0) } }
  /// Opens a choice field's picker, narrows it by typing and takes the first match.
  func choose(_ words: String) -> [AppEvent] { keys(.enter) + type(words) + keys(.enter) }

  @Test func aCycleMovesStageByStageSupportWaitsForAgreementAndTheReviewOpensTheNextCycle() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try helper.openPlan(folder)
    AppRunner.step(&app, keys(.char(">")), on: backend)
    #expect(backend.text.contains("Cycle 1 moves from assess to plan."))
    #expect(backend.text.contains("29/11/2026"), "today, unless another day is given")
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("at plan"))
    // An outcome, then support cannot begin until the plan is agreed.
    AppRunner.step(
      &app,
      keys(.char("g"), .char("j"), .enter, .char("a"), .tab) + type("Reads 40 words a minute")
        + keys(.ctrl("s"), .escape), on: backend)
    AppRunner.step(&app, keys(.char(">")), on: backend)
    #expect(backend.text.contains("only once the plan is agreed"))
    AppRunner.step(
      &app,
      keys(.char("g")) + Array(repeating: .key(.char("j")), count: 7) + keys(.enter)
        + type("Aoife O'Brien (mother)") + keys(.tab) + type("today") + keys(.ctrl("s")),
      on: backend)
    AppRunner.step(&app, keys(.char(">"), .enter), on: backend)
    #expect(backend.text.contains("at do"))
    // The review: the outcome partly achieved, progress less than expected, continue.
    AppRunner.step(&app, keys(.char("G"), .enter), on: backend)
    #expect(backend.text.contains("Oisín O'Brien — review of cycle 1"))
    AppRunner.step(
      &app,
      keys(.tab) + choose("partly") + keys(.tab) + choose("less") + keys(.tab, .tab, .tab, .tab)
        + choose("continue"), on: backend)
    #expect(backend.text.contains("Starts the next cycle, carrying forward outcomes not achieved."))
    AppRunner.step(&app, keys(.ctrl("s")), on: backend)
    let p = try helper.stored(folder)
    #expect(p.cycles.count == 2)
    #expect(p.cycles[0].review?.decision == .continue)
    #expect(p.cycles[0].review?.rating(for: p.cycles[0].plan.outcomes[0].id) == .partlyAchieved)
    #expect(p.cycles[1].plan.outcomes.map(\.text) == ["Reads 40 words a minute"], "carried forward")
    #expect(backend.text.contains("cycle 2 of 2, at assess"))
    AppRunner.step(&app, keys(.char("u")), on: backend)
    let undone = try helper.stored(folder)
    #expect(undone.cycles.count == 1 && undone.cycles[0].review == nil, "one step undoes it all")
    #expect(undone.cycles[0].stage == .do)
  }

  @Test func aReviewWithoutEveryRatingIsRefusedAndNothingSaved() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let other = try helper.other(folder)
    let today = Day(iso: "2026-11-29")!
    try other.perform { step in
      let id = AggregateID("ptui1")
      try step.edit(
        id, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Spell 20 words")), today: today)
      try step.edit(id, .enterStage(.plan, on: today), today: today)
      try step.edit(id, .recordAgreement(Agreement(agreedBy: "Aoife", on: today)), today: today)
      try step.edit(id, .enterStage(.do, on: today), today: today)
    }
    helper.openPlan(&app, backend)
    AppRunner.step(
      &app,
      keys(.char("G"), .enter, .tab, .tab) + choose("as expected") + keys(.tab, .tab, .tab, .tab)
        + choose("continue") + keys(.ctrl("s")), on: backend)
    #expect(backend.text.contains("is required"))
    #expect(try helper.stored(folder).cycles.count == 1)
    #expect(try helper.stored(folder).cycles[0].review == nil)
  }
}

/// `N` and `>` take a day: today unless the SENCo records what happened before.
@Suite struct DatedStepTests {
  let helper = PlanEditorTests()
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  func keys(_ keys: Key...) -> [AppEvent] { keys.map { .key($0) } }

  @Test func aStageMovesOnTheDayGivenAndNotBeforeTheStageBefore() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try helper.openPlan(folder)
    let started = try #require(try helper.stored(folder).currentCycle?.assessFrom)
    // Before the cycle began: refused, naming the date it cannot precede; nothing saved.
    let before = started.adding(days: -1).british
    AppRunner.step(&app, keys(.char(">"), .ctrl("u")) + type(before) + keys(.enter), on: backend)
    #expect(app.editor?.message?.text.contains("before the start of the assess stage") == true)
    #expect(try helper.stored(folder).currentCycle?.planFrom == nil)
    // A day after it: saved on that day.
    let day = started.adding(days: 3)
    AppRunner.step(&app, keys(.ctrl("u")) + type(day.british) + keys(.enter), on: backend)
    #expect(try helper.stored(folder).currentCycle?.planFrom == day)
    #expect(backend.text.contains("at plan"))
  }
}
