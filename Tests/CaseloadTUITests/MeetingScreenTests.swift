import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import CaseloadText
@testable import TerminalUI

/// The review meeting run from the keyboard in the in-memory grid, and checked in the store afterwards.
@Suite struct MeetingScreenTests {
  let helper = PlanEditorTests()
  let today = Day(iso: "2026-11-29")!
  let oisin = AggregateID("ptui1")

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  func keys(_ keys: Key...) -> [AppEvent] { keys.map { .key($0) } }

  /// Oisín's cycle at do: two outcomes (the first with its own provision), a second intervention for neither,
  /// and the plan's participants.
  func cycleAtDo(_ folder: TemporaryFolder, scale: RatingScale? = nil) throws {
    let other = try helper.other(folder)
    try other.perform { step in
      try step.edit(
        oisin,
        .addOutcome(
          Outcome(
            area: .cognitionAndLearning, text: "Oisín will spell 20 of the Y3/4 words in dictation",
            successCriteria: "20/100 in the half-termly dictation")), today: today)
      try step.edit(
        oisin,
        .addOutcome(
          Outcome(area: .cognitionAndLearning, text: "Oisín will read 40 words a minute")),
        today: today)
    }
    let first = try helper.storedPlan(folder).outcomes[0].id
    try other.perform { step in
      try step.edit(
        oisin,
        .addProvision(
          Provision(
            intervention: "Precision teaching", deliveredBy: "Mrs Dawson", sessionsPerWeek: 5,
            minutesPerSession: 10, weeks: 12, hourlyRate: Money(pence: 1650), outcomeIDs: [first])),
        today: today)
      try step.edit(
        oisin,
        .addProvision(
          Provision(
            intervention: "Touch-typing club", sessionsPerWeek: 2, minutesPerSession: 20, weeks: 12,
            hourlyRate: Money(pence: 1950))), today: today)
      try step.edit(
        oisin,
        .setParticipants([
          Participant(role: .parentCarer, name: "Aoife O'Brien (mother)"),
          Participant(role: .classTeacher, name: "Mrs Airey"),
        ]), today: today)
      try step.edit(oisin, .setParentViews("Spellings from his own list, please."), today: today)
      try step.edit(oisin, .enterStage(.plan, on: today), today: today)
      try step.edit(oisin, .recordAgreement(Agreement(agreedBy: "Aoife", on: today)), today: today)
      try step.edit(oisin, .enterStage(.do, on: today), today: today)
      if let scale { try step.editSettings(.setRatingScale(scale), today: today) }
    }
  }

  /// The caseload at `width`×`height` with Oisín (the only pupil overdue) selected and his cycle at do.
  func appAtDo(
    _ folder: TemporaryFolder, width: Int = 100, height: Int = 30, scale: RatingScale? = nil
  )
    throws -> (CaseloadApp, MemoryBackend)
  {
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    try cycleAtDo(folder, scale: scale)
    // A tick: the screen takes the other session's changes (and settings) as it would within a second.
    AppRunner.step(&app, [.tick] + keys(.char("o")), on: backend)
    #expect(app.selectedPupil?.id == oisin)
    return (app, backend)
  }

  /// Another app on the same store, as after quitting and starting again.
  func reopened(_ folder: TemporaryFolder, width: Int = 100, height: Int = 30) throws -> (
    CaseloadApp, MemoryBackend
  ) {
    var app = try CaseloadApp(
      store: try Store.open(at: folder.path + "/caseload.sqlite"), today: today, width: width,
      height: height)
    let backend = MemoryBackend(width: width, height: height)
    AppRunner.step(&app, keys(.char("o")), on: backend)
    return (app, backend)
  }

  var meeting: (CaseloadApp) -> MeetingScreen? { { $0.editor as? MeetingScreen } }

  /// The draft as this user's other connections see it (drafts are kept per user).
  func draft(_ folder: TemporaryFolder) throws -> MeetingDraft? {
    try Store.open(at: folder.path + "/caseload.sqlite").meetingDraft(for: oisin)
  }

  func steps(_ folder: TemporaryFolder) throws -> Set<Int64> {
    Set(try helper.other(folder).history(limit: 10_000).map(\.step))
  }

  @Test func aWholeMeetingIsRecordedAsOneStepAndUUndoesAllOfIt() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    let other = try helper.other(folder)
    let eventsBefore = try other.eventCount()
    let stepsBefore = try steps(folder)

    // 1. Who is present: the plan's participants, and Oisín added.
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Screen 1 of 6 — Who is present"))
    #expect(backend.text.contains("Aoife O'Brien (mother) — parent/carer"))
    #expect(backend.text.contains("Mrs Airey — class teacher"))
    AppRunner.step(&app, keys(.char("a")), on: backend)
    #expect(
      backend.text.contains("Teaching assistant") || backend.text.contains("teaching assistant"))
    AppRunner.step(&app, type("pupil") + keys(.enter) + type("Oisín") + keys(.enter), on: backend)
    #expect(backend.text.contains("Oisín — pupil"))
    #expect(try draft(folder)?.present.count == 3, "kept as soon as he is added")

    // 2. Each outcome, rated with one key, the first with a note.
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("Screen 2 of 6 — Outcomes"))
    #expect(backend.text.contains("Outcome 1 of 2"))
    #expect(backend.text.contains("Oisín will spell 20 of the Y3/4 words in dictation"))
    #expect(backend.text.contains("20/100 in the half-termly dictation"))
    #expect(backend.text.contains("Provision for this outcome"))
    #expect(backend.text.contains("Precision teaching, by Mrs Dawson"))
    #expect(!backend.text.contains("Touch-typing club"), "only the provision linked to it")
    #expect(backend.text.contains("1 achieved · 2 partly achieved · 3 not yet achieved"))
    AppRunner.step(
      &app, keys(.char("2"), .char("n")) + type("34 of 40 in the last dictation") + keys(.enter),
      on: backend)
    #expect(backend.text.contains("Rating: partly achieved — note: 34 of 40 in the last dictation"))
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("Outcome 2 of 2"))
    #expect(backend.text.contains("Provision in the plan"), "none linked: all of it")
    #expect(backend.text.contains("Touch-typing club"))
    AppRunner.step(&app, keys(.char("1")), on: backend)
    #expect(backend.text.contains("Rating: achieved"))

    // 3. The views, typed into three fields.
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("Screen 3 of 6 — Views"))
    #expect(
      backend.text.contains("Spellings from his own list, please."), "the plan's views to start")
    AppRunner.step(
      &app,
      type("I like typing my stories.") + keys(.tab, .ctrl("u")) + type("Pleased with the typing.")
        + keys(.tab) + type("Yes; keep precision teaching.") + keys(.tab), on: backend)

    // 4. The decision, and progress.
    #expect(backend.text.contains("Screen 4 of 6 — The decision"))
    AppRunner.step(&app, keys(.char("-"), .char("1")), on: backend)
    #expect(
      backend.text.contains(
        "Cycle 2 starts Sun 29/11/2026, carrying forward 1 outcome not achieved."))

    // 5. The next review date and an action.
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("Screen 5 of 6 — Next review and actions"))
    let suggested = try #require(
      try helper.other(folder).settings(today: today).value.sameWeekNextTerm(as: today))
    #expect(
      backend.text.contains("Suggested: the same week next term, \(MeetingText.day(suggested))."))
    AppRunner.step(&app, keys(.ctrl("u")) + type("9/3/2027") + keys(.enter), on: backend)
    #expect(backend.text.contains("Tue 09/03/2027"))
    AppRunner.step(
      &app,
      keys(.char("a")) + type("Send the spelling list home") + keys(.tab) + type("Mrs Dawson (TA)")
        + keys(.tab) + type("11/12/2026") + keys(.enter), on: backend)
    #expect(
      backend.text.contains("1. Send the spelling list home — Mrs Dawson (TA), by Fri 11/12/2026"))

    // 6. The summary, read back; Enter records it.
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("Screen 6 of 6 — Summary"))
    #expect(backend.text.contains("Ready: Enter or Ctrl-S records it all as one step"))
    #expect(backend.text.contains("Who is present"))
    #expect(try other.eventCount() == eventsBefore, "nothing in the history before it is confirmed")
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(meeting(app) == nil)
    #expect(backend.text.contains("Saved: Oisín O'Brien: review meeting for cycle 1 on 29/11/2026"))

    // The records.
    #expect(try other.eventCount() == eventsBefore + 1)
    #expect(try steps(folder).subtracting(stepsBefore).count == 1, "exactly one new step")
    let p = try helper.stored(folder)
    #expect(p.cycles.count == 2)
    let review = try #require(p.cycles[0].review)
    let ids = p.cycles[0].plan.outcomes.map(\.id)
    #expect(review.rating(for: ids[0]) == .partlyAchieved)
    #expect(
      review.ratings.first { $0.outcomeID == ids[0] }?.note == "34 of 40 in the last dictation")
    #expect(review.rating(for: ids[1]) == .achieved)
    #expect(review.progress == .lessThanExpected)
    #expect(review.decision == .continue)
    #expect(review.pupilViews == "I like typing my stories.")
    #expect(review.parentViews == "Pleased with the typing.")
    #expect(review.supportRight == "Yes; keep precision teaching.")
    #expect(review.participants.map(\.role) == [.parentCarer, .classTeacher, .pupil])
    #expect(
      review.actions
        == [
          ReviewAction(
            text: "Send the spelling list home", owner: "Mrs Dawson (TA)",
            due: Day(iso: "2026-12-11"))
        ])
    let contact = try #require(p.chronology.last)
    #expect(contact.kind == .meeting && contact.withParents)
    #expect(contact.date == today)
    #expect(contact.who.contains("Aoife O'Brien (mother) (parent/carer)"))
    #expect(
      p.cycles[1].plan.outcomes.map(\.text) == [
        "Oisín will spell 20 of the Y3/4 words in dictation"
      ])
    #expect(p.cycles[1].plan.reviewDate == Day(iso: "2027-03-09"))
    #expect(try draft(folder) == nil, "the draft goes with the recording")

    // One u on the list undoes all of it.
    AppRunner.step(&app, keys(.char("u")), on: backend)
    #expect(backend.text.contains("Undone: Oisín O'Brien: review meeting for cycle 1"))
    let undone = try helper.stored(folder)
    #expect(undone.cycles.count == 1)
    #expect(undone.cycles[0].review == nil)
    #expect(undone.cycles[0].stage == .do)
    #expect(!undone.chronology.contains { $0.kind == .meeting })
  }

  @Test func pausingKeepsTheMeetingAndAnotherSessionResumesIt() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    let eventsBefore = try helper.other(folder).eventCount()
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.enter, .char("3"), .escape), on: backend)
    #expect(backend.text.contains("Screen 1 of 6"), "Esc goes back a screen")
    AppRunner.step(&app, keys(.escape), on: backend)
    #expect(backend.text.contains("Pause the meeting, or abandon it?"))
    AppRunner.step(&app, keys(.char("p")), on: backend)
    #expect(meeting(app) == nil)
    #expect(backend.text.contains("Meeting paused; R resumes it."))
    #expect(try helper.other(folder).eventCount() == eventsBefore, "nothing in the history")

    var (again, screen) = try reopened(folder)
    AppRunner.step(&again, keys(.char("R")), on: screen)
    #expect(screen.text.contains("Resume the meeting started on Sun 29/11/2026, or start again?"))
    AppRunner.step(&again, keys(.char("r")), on: screen)
    #expect(screen.text.contains("Screen 1 of 6 — Who is present"), "where it was paused")
    AppRunner.step(&again, keys(.enter), on: screen)
    #expect(screen.text.contains("Outcome 1 of 2"))
    #expect(screen.text.contains("Rating: not yet achieved"))
    let first = try helper.storedPlan(folder).outcomes[0].id
    #expect(meeting(again)?.draft.rating(for: first)?.rating == .notAchieved)
  }

  @Test func startingAgainDropsThePausedMeeting() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.enter, .char("1"), .escape, .escape, .char("p")), on: backend)
    AppRunner.step(&app, keys(.char("R"), .char("s")), on: backend)
    #expect(backend.text.contains("Screen 1 of 6 — Who is present"))
    #expect(meeting(app)?.draft.ratings.isEmpty == true)
    #expect(try draft(folder)?.ratings.isEmpty == true)
  }

  @Test func abandoningLeavesNothingBehind() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    let other = try helper.other(folder)
    let history = try other.history(limit: 10_000)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.enter, .char("2"), .escape, .escape), on: backend)
    // Abandoning asks once more; keeping the meeting goes back to it with nothing lost.
    AppRunner.step(&app, keys(.char("a")), on: backend)
    #expect(backend.text.contains("Abandon the meeting? Everything typed in it is lost"))
    AppRunner.step(&app, keys(.char("k")), on: backend)
    #expect(meeting(app) != nil && meeting(app)?.draft.ratings.isEmpty == false)
    AppRunner.step(&app, keys(.escape, .char("a"), .char("a")), on: backend)
    #expect(meeting(app) == nil)
    #expect(backend.text.contains("Meeting abandoned; nothing was recorded."))
    #expect(try other.history(limit: 10_000) == history, "no event in the history")
    #expect(try draft(folder) == nil)
    AppRunner.step(&app, keys(.char("R")), on: backend)
    #expect(!backend.text.contains("Resume the meeting"), "nothing to resume")
    #expect(backend.text.contains("Screen 1 of 6"))
  }

  @Test func theDraftIsKeptOnTheTickWhileTyping() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    let other = try helper.other(folder)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.enter, .enter, .enter), on: backend)
    #expect(backend.text.contains("Screen 3 of 6 — Views"))
    AppRunner.step(&app, type("I want to"), on: backend)
    AppRunner.step(&app, [.tick], on: backend)
    #expect(try draft(folder)?.pupilViews == "I want to")
  }

  @Test func aMeetingIsRefusedWithTheReasonWhenTheCycleIsNotAtDo() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, keys(.char("o"), .char("R")), on: backend)
    #expect(meeting(app) == nil)
    #expect(
      backend.text.contains("Cycle 1 of Oisín O'Brien is at assess: move the cycle to do first"))
    // Lily has no cycle at all.
    AppRunner.step(&app, keys(.char("o"), .char("g"), .char("R")), on: backend)
    #expect(backend.text.contains("has no assess, plan, do, review cycle to review"))
  }

  @Test func theOverviewStartsAMeetingWithR() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    AppRunner.step(&app, keys(.enter, .char("R")), on: backend)
    #expect(backend.text.contains("Screen 1 of 6 — Who is present"))
  }

  @Test func theMinusTwoToPlusTwoScaleRatesWithOneToFive() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder, scale: .minusTwoToPlusTwo)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(backend.text.contains("1 = -2 · 2 = -1 · 3 = 0 · 4 = +1 · 5 = +2"))
    AppRunner.step(&app, keys(.char("5")), on: backend)
    #expect(backend.text.contains("Rating: +2"))
    let first = try helper.storedPlan(folder).outcomes[0].id
    #expect(try draft(folder)?.rating(for: first)?.rating == .scale(2))
  }

  @Test func whatIsMissingIsListedAndNothingIsRecordedUntilItIsSettled() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    let events = try helper.other(folder).eventCount()
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.ctrl("s")), on: backend)
    #expect(backend.text.contains("Screen 6 of 6 — Summary"))
    #expect(backend.text.contains("Still to settle before it can be recorded:"))
    #expect(backend.text.contains("Rate outcome 1"))
    #expect(backend.text.contains("Choose the decision."))
    AppRunner.step(&app, keys(.enter), on: backend)
    #expect(meeting(app) != nil)
    #expect(backend.text.contains("Not ready to record"))
    #expect(try helper.other(folder).eventCount() == events)
  }

  @Test func peopleAndActionsAreChangedAndRemovedFromTheirLists() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    _ = app.perform(named: "meeting")
    // Mrs Airey is the class teacher's name; a TA came instead.
    AppRunner.step(
      &app, keys(.char("j"), .char("e"), .ctrl("u")) + type("Mr Pattinson"), on: backend)
    AppRunner.step(
      &app, keys(.shiftTab, .enter) + type("teaching") + keys(.enter, .ctrl("s")), on: backend)
    #expect(backend.text.contains("Mr Pattinson — teaching assistant"))
    #expect(!backend.text.contains("Mrs Airey"))
    AppRunner.step(&app, keys(.char("k"), .char("d")), on: backend)
    #expect(backend.text.contains("Aoife O'Brien (mother) — parent/carer is no longer listed"))
    #expect(!backend.lines.contains { $0.hasSuffix("Aoife O'Brien (mother) — parent/carer") })
    #expect(
      try draft(folder)?.present == [Participant(role: .teachingAssistant, name: "Mr Pattinson")])

    AppRunner.step(&app, keys(.ctrl("n"), .ctrl("n"), .ctrl("n"), .ctrl("n")), on: backend)
    #expect(backend.text.contains("Screen 5 of 6"))
    AppRunner.step(
      &app,
      keys(.tab, .char("a")) + type("Book the speech therapist") + keys(.tab) + type("SENCo")
        + keys(.ctrl("s")), on: backend)
    AppRunner.step(
      &app,
      keys(.char("a")) + type("Phone home") + keys(.tab) + type("Mrs Airey") + keys(.ctrl("s")),
      on: backend)
    #expect(backend.text.contains("2. Phone home — Mrs Airey"))
    AppRunner.step(&app, keys(.char("e"), .tab, .tab) + type("+1w") + keys(.enter), on: backend)
    #expect(backend.text.contains("2. Phone home — Mrs Airey, by Sun 06/12/2026"))
    AppRunner.step(&app, keys(.char("k"), .char("d")), on: backend)
    #expect(backend.text.contains("Action removed: Book the speech therapist."))
    #expect(backend.text.contains("▶ 1. Phone home — Mrs Airey"))
    #expect(
      try draft(folder)?.actions
        == [ReviewAction(text: "Phone home", owner: "Mrs Airey", due: Day(iso: "2026-12-06"))])
  }

  @Test func aViewCanBeWrittenInTheExternalEditor() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.ctrl("n"), .ctrl("n"), .tab), on: backend)
    #expect(
      backend.text.contains("From the plan (type to write this review's): Spellings from his own"),
      "last term's views are shown beside the field, not typed into it")
    let command = AppRunner.step(&app, keys(.ctrl("o")), on: backend)
    #expect(command == .editExternally(text: "", tag: "meeting-view-1"))
    AppRunner.step(
      &app,
      [
        .editedExternally(
          text: "Spellings from his own list.\nAnd more typing.", tag: "meeting-view-1"), .tick,
      ],
      on: backend)
    #expect(backend.text.contains("And more typing."))
    #expect(try draft(folder)?.parentViews == "Spellings from his own list.\nAnd more typing.")
  }

  @Test func aDateThatCannotBeReadStopsTheMeetingGoingOnAndIsPutBackGoingBack() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.ctrl("n"), .ctrl("n"), .ctrl("n"), .ctrl("n")), on: backend)
    let kept = try #require(try draft(folder)?.nextReview)
    AppRunner.step(&app, keys(.ctrl("u")) + type("31/02/2027") + keys(.ctrl("n")), on: backend)
    #expect(backend.text.contains("Screen 5 of 6"), "still here")
    #expect(backend.text.contains("31/02/2027"))
    AppRunner.step(&app, keys(.escape), on: backend)
    #expect(backend.text.contains("Screen 4 of 6"))
    #expect(backend.text.contains("The next review date stays \(MeetingText.day(kept))"))
    #expect(try draft(folder)?.nextReview == kept)
  }

  @Test func aPausedMeetingWhoseCycleWasReviewedSinceCanOnlyBeAbandoned() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, keys(.escape, .char("p")), on: backend)
    // A colleague runs the review meanwhile.
    let other = try helper.other(folder)
    let pupil = try helper.stored(folder)
    var theirs = MeetingDraft(
      pupil: pupil, date: today, settings: SchoolSettings.defaults(today: today))
    for o in pupil.currentCycle!.plan.outcomes { theirs.rate(o.id, .achieved) }
    theirs.progress = .betterThanExpected
    theirs.decision = .continue
    try other.recordMeeting(theirs, today: today)
    // He is no longer overdue: off with the filter, and find him by name.
    AppRunner.step(
      &app, [.tick] + keys(.char("o"), .char("/")) + type("oisin") + keys(.enter, .char("R")),
      on: backend)
    #expect(backend.text.contains("can no longer be recorded"))
    #expect(backend.text.contains("a  Abandon it"))
    AppRunner.step(&app, keys(.char("r")), on: backend)
    #expect(meeting(app)?.isMeeting == false, "there is nothing to resume")
    AppRunner.step(&app, keys(.char("a")), on: backend)
    #expect(meeting(app) == nil)
    #expect(try draft(folder) == nil)
    AppRunner.step(&app, keys(.char("R")), on: backend)
    #expect(backend.text.contains("is at assess: move the cycle to do first"))
  }

  @Test(arguments: [(80, 24), (40, 12)])
  func everyScreenFitsTheGrid(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder, width: width, height: height)
    func fits(_ what: String) {
      #expect(backend.lines.count == height)
      for line in backend.lines {
        #expect(line.displayWidth <= width, "\(what): \(line)")
      }
    }
    _ = app.perform(named: "meeting")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Screen 1 of 6"))
    fits("present")
    AppRunner.step(&app, keys(.char("a")), on: backend)
    fits("role picker")
    AppRunner.step(&app, keys(.escape, .escape), on: backend)
    AppRunner.step(&app, keys(.enter, .char("2")), on: backend)
    #expect(backend.text.contains("Rating: partly achieved"), "the rating stays in view")
    fits("outcome")
    AppRunner.step(&app, keys(.char("n")), on: backend)
    fits("note")
    AppRunner.step(&app, keys(.enter, .enter, .enter), on: backend)
    #expect(backend.text.contains("Screen 3 of 6"))
    fits("views")
    AppRunner.step(&app, keys(.tab, .tab, .tab, .char("1")), on: backend)
    #expect(backend.text.contains("Screen 4 of 6"))
    fits("decision")
    AppRunner.step(&app, keys(.enter), on: backend)
    fits("next review")
    AppRunner.step(&app, keys(.enter, .char("a")), on: backend)
    fits("action")
    AppRunner.step(&app, keys(.escape, .enter), on: backend)
    #expect(backend.text.contains("Screen 6 of 6"))
    fits("summary")
    let atTop = backend.text
    AppRunner.step(&app, Array(repeating: .key(.down), count: 60), on: backend)
    let atBottom = backend.text
    AppRunner.step(&app, keys(.up), on: backend)
    if atTop != atBottom {
      #expect(backend.text != atBottom, "↑ scrolls back at once, however often ↓ was pressed")
    }
    AppRunner.step(&app, keys(.char("?")), on: backend)
    fits("help")
    AppRunner.step(&app, keys(.escape), on: backend)
    for _ in 0..<6 { AppRunner.step(&app, keys(.escape), on: backend) }
    #expect(backend.text.contains("Pause the meeting, or abandon it?"))
    fits("pause")
  }

  @Test func theSheetPrintsTheLastMeetingForTheNotesHome() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appAtDo(folder)
    let before = try #require(try helper.other(folder).pupil(oisin)).value
    var empty = Output(colour: false)
    MeetingSheet(pupil: before, today: today).render(into: &empty)
    #expect(
      empty.text
        == "Oisín O'Brien has had no review meeting yet: R on the caseload runs one once the cycle is at do.\n"
    )

    _ = app.perform(named: "meeting")
    AppRunner.step(
      &app,
      keys(
        .enter, .char("3"), .enter, .char("1"), .enter, .tab, .tab, .tab, .char("+"), .char("5"),
        .enter, .enter, .char("a")) + type("Ask the LA for an assessment pack") + keys(.tab)
        + type("Mrs Greenhow") + keys(.enter, .enter, .enter, .enter), on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: review meeting"))
    var out = Output(colour: false)
    MeetingSheet(pupil: try helper.stored(folder), today: today).render(into: &out)
    let lines = out.text.components(separatedBy: "\n")
    for line in [
      "Oisín O'Brien — review meeting, Sun 29/11/2026",
      "Who was present",
      "  Aoife O'Brien (mother) — parent/carer",
      "  1. Oisín will spell 20 of the Y3/4 words in dictation",
      "     Rating: not yet achieved",
      "     Rating: achieved",
      "  Better than expected.",
      "  Request an EHC needs assessment.",
      "  What it set in motion:",
      "    • Cycle 2 started Sun 29/11/2026, carrying forward 1 outcome not achieved.",
      "    • The school requested an EHC needs assessment on Sun 29/11/2026; the local authority decides whether to assess by Sun 10/01/2027.",
      "  1. Ask the LA for an assessment pack — Mrs Greenhow",
    ] {
      #expect(lines.contains(line), "missing \(line.debugDescription) in\n\(out.text)")
    }
    let next = try #require(
      try helper.other(folder).settings(today: today).value.sameWeekNextTerm(as: today))
    #expect(lines.contains("  \(MeetingText.day(next))"), "the next review, by default")
  }
}
