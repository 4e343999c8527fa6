import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The plan editor driven from the keyboard in the in-memory grid, checked on screen and in the store.
@Suite struct PlanEditorTests {
  let today = Day(iso: "2026-11-29")!
  let oisin = AggregateID("ptui1")

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  func keys(_ keys: Key...) -> [AppEvent] { keys.map { .key($0) } }
  let tab = AppEvent.key(.tab)
  let save = AppEvent.key(.ctrl("s"))
  let enter = AppEvent.key(.enter)

  /// Another session on the same store: what is stored, and changes made behind the editor's back.
  func other(_ folder: TemporaryFolder) throws -> Store {
    try colleagueStore(folder)
  }

  func stored(_ folder: TemporaryFolder) throws -> Pupil {
    try #require(try other(folder).pupil(oisin)).value
  }

  func storedPlan(_ folder: TemporaryFolder) throws -> SupportPlan {
    try #require(try stored(folder).currentCycle).plan
  }

  /// The caseload with Oisín's plan open (`o` shows him alone: his review is overdue).
  func openPlan(_ folder: TemporaryFolder, width: Int = 100, height: Int = 30) throws -> (
    CaseloadApp, MemoryBackend
  ) {
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    openPlan(&app, backend)
    return (app, backend)
  }

  /// Opens Oisín's plan on a screen already made (after changing the store through another session).
  func openPlan(_ app: inout CaseloadApp, _ backend: MemoryBackend) {
    AppRunner.step(&app, keys(.char("o"), .char("p")), on: backend)
  }

  var plan: (CaseloadApp) -> PlanEditor? { { $0.editor as? PlanEditor } }

  @Test func anOutcomeWithAccentsIsSavedShownAndStoredAndUUndoesIt() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try openPlan(folder)
    #expect(backend.text.contains("Oisín O'Brien — SEN support plan, cycle 1 of 1, at assess"))
    #expect(backend.text.contains("Outcomes (0)"))
    AppRunner.step(&app, keys(.char("j"), .enter), on: backend)
    #expect(backend.text.contains("None yet: a adds one."))
    AppRunner.step(&app, keys(.char("a")), on: backend)
    #expect(backend.text.contains("Oisín O'Brien — new outcome"))
    #expect(
      backend.text.contains("cognition and learning"), "his primary need's area to start with")
    AppRunner.step(&app, [tab] + type("Zoë reads 40 words a minute…") + [save], on: backend)
    #expect(plan(app) != nil, "the plan stays open")
    #expect(
      backend.text.contains("Saved: Oisín O'Brien: outcome 1 added: Zoë reads 40 words a minute…"))
    #expect(backend.text.contains("1. Zoë reads 40 words a minute…"))
    let outcomes = try storedPlan(folder).outcomes
    #expect(outcomes.map(\.text) == ["Zoë reads 40 words a minute…"])
    #expect(outcomes.first?.area == .cognitionAndLearning)

    AppRunner.step(&app, keys(.escape), on: backend)
    #expect(backend.text.contains("Outcomes (1)"))
    #expect(backend.text.contains("1. Zoë reads 40 words a minute… — cognition and learning"))

    AppRunner.step(&app, keys(.char("u")), on: backend)
    #expect(backend.text.contains("Undone: Oisín O'Brien: outcome 1 added"))
    #expect(backend.text.contains("Outcomes (0)"))
    #expect(try storedPlan(folder).outcomes.isEmpty)
    #expect(plan(app) != nil, "still in the plan after the undo")
  }

  @Test func aPackageBoughtForTheGroupIsCostedByItsPriceSharedOut() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    openPlan(&app, backend)
    AppRunner.step(&app, keys(.char("j"), .char("j"), .enter, .char("a")), on: backend)
    // Name, delivered by, the role as it is; costed: a price for the group; no rate; £450.
    AppRunner.step(
      &app,
      type("Speech therapy (bought in)") + [tab, tab, tab, enter] + type("group") + [
        enter, tab, tab,
      ]
        + type("450") + [tab] + type("1") + [tab] + type("45") + [tab] + keys(.backspace)
        + type("3") + [tab] + type("10"), on: backend)
    #expect(backend.text.contains("Cost per pupil: £150.00 (£450.00 ÷ 3) · plan total £150.00"))
    AppRunner.step(&app, [save], on: backend)
    #expect(
      backend.text.contains(
        "Saved: Oisín O'Brien: provision added: Speech therapy (bought in) (£150.00)"))
    #expect(backend.text.contains("1 × 45 min a week, 10 weeks, group of 3, £450.00 for the group"))
    let added = try #require(try storedPlan(folder).provision.last)
    #expect(added.price == FixedPrice(Money(pence: 45_000), .forGroup))
    #expect(added.costPerPupil == Money(pence: 15_000))
  }

  @Test func aProvisionLineShowsItsCostAsItIsTypedAndThePlanAndYearTotals() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    // Speech and language sessions already in the plan: 1 × 60 min × 10 weeks × £45.00 ÷ 1 = £450.00.
    try other(folder).edit(
      oisin,
      .addProvision(
        Provision(
          intervention: "Speech and language", sessionsPerWeek: 1, minutesPerSession: 60, weeks: 10,
          staffRole: "SENCo", hourlyRate: Money(pence: 4_500))), today: today)
    openPlan(&app, backend)
    #expect(backend.text.contains("1. Speech and language: £450.00 per pupil"))
    AppRunner.step(&app, keys(.char("j"), .char("j"), .enter, .char("a")), on: backend)
    #expect(backend.text.contains("Oisín O'Brien — new provision"))
    AppRunner.step(&app, type("Reading group") + [tab] + type("Mrs Khan") + [tab], on: backend)
    #expect(backend.text.contains("Teaching assistant"), "the first staff role to start with")
    AppRunner.step(&app, [tab, tab], on: backend)
    #expect(plan(app)?.form?.editor.form.value("rate") == "£16.50", "the role's hourly rate")
    AppRunner.step(
      &app,
      [tab, tab] + type("3") + [tab] + type("30") + [tab] + keys(.backspace) + type("3") + [tab]
        + type("12"),
      on: backend)
    // 3 sessions × ½ hour × 12 weeks = 18 hours; 18 × £16.50 = £297.00; shared by 3 = £99.00 each.
    #expect(
      backend.text.contains(
        "Cost per pupil: £99.00 (3 × 30 min × 12 weeks × £16.50 ÷ 3) · plan total £549.00"))

    // Another role fills its own rate, and the cost follows: 18 × £19.50 ÷ 3 = £117.00.
    AppRunner.step(
      &app, Array(repeating: AppEvent.key(.shiftTab), count: 7) + [enter] + type("hlta") + [enter],
      on: backend)
    #expect(plan(app)?.form?.editor.form.value("rate") == "£19.50")
    #expect(backend.text.contains("Cost per pupil: £117.00"))
    AppRunner.step(&app, [enter] + type("teaching") + [enter], on: backend)
    #expect(backend.text.contains("Cost per pupil: £99.00"))

    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: provision added: Reading group (£99.00)"))
    #expect(backend.text.contains("2. Reading group, by Mrs Khan: £99.00 per pupil"))
    #expect(
      backend.text.contains(
        "3 × 30 min a week, 12 weeks, group of 3, Teaching assistant £16.50/h"))
    #expect(backend.text.contains("Plan total: £549.00"))
    #expect(
      backend.text.contains(
        "2026/27 total: £549.00 of the £6,000.00 notional threshold (£5,451.00 left)"))
    let provision = try storedPlan(folder).provision
    #expect(provision.count == 2)
    let added = try #require(provision.last)
    #expect(added.intervention == "Reading group" && added.deliveredBy == "Mrs Khan")
    #expect(added.staffRole == "Teaching assistant" && added.hourlyRate == Money(pence: 1_650))
    let numbers: [Int] = [
      added.sessionsPerWeek, added.minutesPerSession, added.groupSize, added.weeks,
    ]
    #expect(numbers == [3, 30, 3, 12])
    #expect(added.costPerPupil == Money(pence: 9_900))
  }

  @Test func anImpossibleTargetDateIsRefusedBesideTheFieldAndNothingIsSaved() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try openPlan(folder)
    AppRunner.step(
      &app,
      keys(.char("j"), .enter, .char("a")) + [tab] + type("Writes a sentence with a full stop")
        + [tab, tab] + type("31/02/2027") + [save],
      on: backend)
    #expect(backend.text.contains("31/02/2027 is not a date: February 2027 has 28 days."))
    #expect(backend.text.contains("Some fields need attention"))
    #expect(plan(app)?.isDirty == true, "still in the form with the text typed")
    #expect(try storedPlan(folder).outcomes.isEmpty, "nothing saved")
  }

  @Test func outcomesMoveAndOneIsDeletedAfterAskingFirst() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let store = try other(folder)
    try store.perform { step in
      try step.edit(
        oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
        today: today)
      try step.edit(
        oisin, .addOutcome(Outcome(area: .semh, text: "Asks an adult for help")), today: today)
    }
    openPlan(&app, backend)
    AppRunner.step(&app, keys(.char("j"), .enter), on: backend)
    #expect(backend.text.contains("1. Reads CVC words"))
    #expect(backend.text.contains("2. Asks an adult for help"))

    AppRunner.step(&app, keys(.char("J")), on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: outcome 1 moved to 2"))
    #expect(backend.text.contains("1. Asks an adult for help"))
    #expect(backend.text.contains("2. Reads CVC words"))
    #expect(
      try storedPlan(folder).outcomes.map(\.text) == ["Asks an adult for help", "Reads CVC words"])
    #expect(plan(app)?.item == 1, "the selection moves with the outcome")

    AppRunner.step(&app, keys(.alt(.up)), on: backend)
    #expect(
      try storedPlan(folder).outcomes.map(\.text) == ["Reads CVC words", "Asks an adult for help"])

    AppRunner.step(&app, keys(.char("d")), on: backend)
    #expect(backend.text.contains("Delete outcome 1, “Reads CVC words”?"))
    AppRunner.step(&app, keys(.char("n")), on: backend)
    #expect(try storedPlan(folder).outcomes.count == 2, "n keeps it")
    AppRunner.step(&app, keys(.char("d"), .char("y")), on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: outcome 1 removed: Reads CVC words"))
    #expect(try storedPlan(folder).outcomes.map(\.text) == ["Asks an adult for help"])
    #expect(!backend.text.contains("1. Reads CVC words") && !backend.text.contains("2. Reads"))
  }

  @Test func anotherSessionsSaveWhileAFormIsOpenIsAConflictAndNothingIsOverwritten() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let store = try other(folder)
    try store.edit(
      oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
      today: today)
    openPlan(&app, backend)
    AppRunner.step(&app, keys(.char("j"), .enter, .enter), on: backend)
    #expect(backend.text.contains("Oisín O'Brien — outcome 1"))
    // A colleague sets a target date while the form is open.
    var theirs = try #require(try storedPlan(folder).outcomes.first)
    theirs.targetDate = Day(iso: "2027-02-26")
    try store.edit(oisin, .updateOutcome(theirs), today: today)

    AppRunner.step(&app, [tab, tab, tab] + type("31/03/2027") + [save], on: backend)
    #expect(backend.text.contains("Saved by someone else"))
    #expect(backend.text.contains("theirs Fri 26/02/2027"))
    #expect(backend.text.contains("yours  Wed 31/03/2027"))
    #expect(
      try storedPlan(folder).outcomes.first?.targetDate == Day(iso: "2027-02-26"), "theirs kept")

    AppRunner.step(&app, keys(.char("r")), on: backend)
    #expect(backend.text.contains("Target date: 31/03/2027"), "your value kept on screen to copy")
    #expect(plan(app)?.isDirty == false, "the form now shows their version")
    #expect(backend.text.contains("26/02/2027"))
  }

  @Test func aDeletionAgainstAStaleVersionMergesWithTheOtherChange() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let store = try other(folder)
    try store.edit(
      oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
      today: today)
    openPlan(&app, backend)
    AppRunner.step(&app, keys(.char("j"), .enter), on: backend)
    try store.edit(oisin, .setPupilVoice("I like reading with Miss"), today: today)
    AppRunner.step(&app, keys(.char("d"), .char("y")), on: backend)
    #expect(!backend.text.contains("Saved by someone else"), "nothing clashed")
    #expect(try storedPlan(folder).outcomes.isEmpty, "the deletion goes through")
    #expect(try storedPlan(folder).pupilVoice == "I like reading with Miss", "and theirs stays")
  }

  @Test func twoPeopleAddingAnOutcomeEachKeepBoth() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let store = try other(folder)
    try store.edit(
      oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
      today: today)
    openPlan(&app, backend)
    AppRunner.step(&app, keys(.char("j"), .enter, .char("a")), on: backend)
    try store.edit(
      oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Asks an adult for help")),
      today: today)
    AppRunner.step(&app, [tab] + type("Counts to twenty") + [save], on: backend)
    #expect(!backend.text.contains("Saved by someone else"), "\(backend.text)")
    #expect(
      try storedPlan(folder).outcomes.map(\.text) == [
        "Reads CVC words", "Asks an adult for help", "Counts to twenty",
      ])
  }

  @Test func leavingAFormWithUnsavedChangesAsksFirst() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try openPlan(folder)
    AppRunner.step(
      &app, keys(.char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .enter), on: backend)
    #expect(backend.text.contains("Oisín O'Brien — pupil voice"))
    AppRunner.step(&app, type("I like the quiet room") + keys(.escape), on: backend)
    #expect(backend.text.contains("Discard your unsaved changes to"))
    AppRunner.step(&app, keys(.char("k")), on: backend)
    #expect(plan(app)?.isDirty == true)
    AppRunner.step(&app, keys(.alt("u")), on: backend)
    #expect(backend.text.contains("before undoing"), "undo waits for the unsaved text")
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: pupil's voice updated"))
    #expect(backend.text.contains("I like the quiet room"), "shown in the section")
    #expect(try storedPlan(folder).pupilVoice == "I like the quiet room")
  }

  @Test func ctrlOWritesAProsePartInTheExternalEditor() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try openPlan(folder)
    AppRunner.step(
      &app, keys(.char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .enter),
      on: backend)
    #expect(backend.text.contains("Oisín O'Brien — parents' views"))
    AppRunner.step(&app, type("They"), on: backend)
    let command = AppRunner.step(&app, keys(.ctrl("o")), on: backend)
    #expect(command == .editExternally(text: "They", tag: "text"))
    let written = "They say he reads at bedtime\nwith his sister Aoife."
    AppRunner.step(&app, [.editedExternally(text: written, tag: "text"), save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: parents' views updated"))
    #expect(try storedPlan(folder).parentViews == written)
  }

  @Test func aNewCycleCarriesForwardTheOutcomeNotAchieved() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let store = try other(folder)
    func day(_ iso: String) -> Day { Day(iso: iso)! }
    try store.perform { step in
      try step.edit(
        oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
        today: today)
      try step.edit(
        oisin, .addOutcome(Outcome(area: .semh, text: "Asks an adult for help")), today: today)
      try step.edit(oisin, .enterStage(.plan, on: day("2026-09-10")), today: today)
      try step.edit(
        oisin, .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: day("2026-09-14"))),
        today: today)
      try step.edit(oisin, .enterStage(.do, on: day("2026-09-14")), today: today)
      try step.edit(oisin, .enterStage(.review, on: day("2026-11-20")), today: today)
    }
    let ids = try storedPlan(folder).outcomes.map(\.id)
    try store.edit(
      oisin,
      .recordReview(
        Review(
          date: day("2026-11-20"),
          ratings: [
            OutcomeRating(outcomeID: ids[0], rating: .achieved),
            OutcomeRating(outcomeID: ids[1], rating: .notAchieved),
          ], progress: .expected, decision: .continue)), today: today)

    openPlan(&app, backend)
    #expect(backend.text.contains("cycle 1 of 1, reviewed 20/11/2026"))
    #expect(backend.text.contains("start a new cycle to change the plan"))
    AppRunner.step(&app, keys(.char("N")), on: backend)
    #expect(
      backend.text.contains(
        "Cycle 2, carrying forward the outcomes not achieved at the last review."))
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(
      backend.text.contains(
        "Saved: Oisín O'Brien: cycle 2 started 29/11/2026, outcomes not achieved carried forward"))
    #expect(backend.text.contains("cycle 2 of 2, at assess"))
    #expect(backend.text.contains("1. Asks an adult for help"))
    let pupil = try stored(folder)
    #expect(pupil.cycles.count == 2)
    let carried = try #require(pupil.currentCycle).plan.outcomes
    #expect(carried.map(\.text) == ["Asks an adult for help"])
    #expect(carried.first?.carriedFrom == ids[1])
  }

  @Test func aNewCycleIsRefusedWhileThisOneIsOpen() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try openPlan(folder)
    AppRunner.step(&app, keys(.char("N")), on: backend)
    #expect(
      backend.text.contains(
        "Cycle 1 has not been reviewed yet; record its review before starting another."))
    #expect(try stored(folder).cycles.count == 1)
  }

  @Test func aPupilWithoutACycleIsOfferedTheFirstWhenTheirStatusAllowsIt() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    // Lily Atkinson has no SEN: no cycle can start.
    AppRunner.step(&app, keys(.char("/")) + type("lily") + keys(.enter, .char("p")), on: backend)
    #expect(backend.text.contains("has no SEN support plan yet"))
    #expect(
      backend.text.contains(
        "Start monitoring or SEN support for Lily Atkinson before starting a cycle."))
    AppRunner.step(&app, keys(.escape), on: backend)
    #expect(app.editor == nil)

    // 王秀英 is being monitored: N starts the first cycle, from the overview's `p` this time.
    try other(folder).edit(
      AggregateID("ptui4"), .startMonitoring(on: Day(iso: "2026-10-01")!), today: today)
    AppRunner.step(
      &app, keys(.char("F"), .char("/")) + type("秀英") + keys(.enter, .enter, .char("p")),
      on: backend)
    #expect(backend.text.contains("N starts the first cycle (assess) today, Sun 29/11/2026."))
    AppRunner.step(&app, keys(.char("N"), .enter), on: backend)
    #expect(backend.text.contains("Saved: 王秀英: cycle 1 started 29/11/2026"))
    #expect(backend.text.contains("cycle 1 of 1, at assess"))
    #expect(try other(folder).pupil(AggregateID("ptui4"))?.value.cycles.count == 1)
  }

  @Test(arguments: [(80, 24), (40, 12)])
  func everyViewFitsTheScreen(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    let store = try other(folder)
    try store.perform { step in
      try step.edit(
        oisin,
        .addOutcome(
          Outcome(
            area: .communicationAndInteraction,
            text:
              "Zoë will take turns in a small-group conversation with two peers for five minutes without adult prompts",
            successCriteria: "Observed three times in a fortnight",
            targetDate: Day(iso: "2027-03-26"))),
        today: today)
      try step.edit(
        oisin,
        .addProvision(
          Provision(
            intervention: "Talking partners", deliveredBy: "Mrs Ní Bhriain", sessionsPerWeek: 3,
            minutesPerSession: 20, groupSize: 3, weeks: 10, staffRole: "Teaching assistant",
            hourlyRate: Money(pence: 1_650))), today: today)
      try step.edit(
        oisin, .setStrategies(["Visual timetable", "Now and next board"]), today: today)
    }
    openPlan(&app, backend)
    func fits(_ what: String) {
      #expect(
        backend.lines.allSatisfy { $0.displayWidth <= width }, "\(what) fits \(width) columns")
      #expect(backend.lines.count == height)
    }
    #expect(backend.text.contains("Oisín O'Brien — SEN support"))
    fits("the sections")
    AppRunner.step(&app, keys(.char("G")), on: backend)
    fits("the sections, scrolled")
    #expect(backend.text.contains("Staff training needs"), "the last section scrolled into view")
    AppRunner.step(&app, keys(.char("g"), .char("j"), .char("j"), .enter), on: backend)
    fits("the provision list")
    #expect(backend.text.contains("1. Talking partners"))
    if width >= 80 {
      // 3 × 20 min × 10 weeks = 10 hours × £16.50 = £165.00, shared by 3 = £55.00.
      #expect(backend.text.contains("1. Talking partners, by Mrs Ní Bhriain: £55.00 per pupil"))
      #expect(backend.text.contains("Plan total: £55.00"))
    }
    AppRunner.step(&app, keys(.enter), on: backend)
    fits("the provision form")
    #expect(backend.text.contains("Cost per pupil"))
    AppRunner.step(&app, keys(.escape, .escape, .char("k"), .enter, .enter), on: backend)
    fits("the outcome form")
    AppRunner.step(&app, keys(.function(1)), on: backend)
    fits("the help")
    AppRunner.step(&app, keys(.escape, .escape, .escape, .char("N")), on: backend)
    fits("a refusal")
  }
}
