import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The school-wide deadlines screen (`D`), in the in-memory grid.
@Suite struct DeadlinesScreenTests {
  @Test(arguments: [(80, 24), (40, 12), (200, 50)])
  func missedAndUpcomingSoonestFirstAndEnterOpensThePupil(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    AppRunner.step(&app, [.key(.char("D"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    if width >= 80 {
      #expect(backend.text.contains("Deadlines — 1 missed · 1 due in the next 28 days"))
      #expect(backend.text.contains("20/11/2026"))
      #expect(backend.text.contains("missed by 9 days"))
    }
    #expect(backend.text.contains("Oisín"))
    // The missed review opens the plan it belongs to; this term's meeting with parents, the contacts.
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(app.editor != nil, "the plan")
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil && app.deadlines != nil, "back to the deadlines")
    AppRunner.step(&app, [.key(.down), .key(.enter)], on: backend)
    #expect(backend.text.contains("SEN support (census K) since 06/01/2025") || width < 80)
    #expect(app.overview != nil)
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.overview == nil && app.deadlines != nil, "back to the deadlines")
    // A review is met by holding it, not ticked off.
    AppRunner.step(&app, [.key(.char("x"))], on: backend)
    #expect(app.message?.isError == true)
    #expect(
      app.message?.text.hasPrefix("A meeting with parents this term is met by recording it") == true
    )
    AppRunner.step(&app, [.key(.char("w")), .key(.char("w"))], on: backend)
    #expect(app.deadlines?.withinDays == nil)
    if width >= 80 { #expect(backend.text.contains("due from now on")) }
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.deadlines == nil)
    #expect(backend.text.contains("4 shown"))
  }

  @Test func aFollowUpComesBackIsMarkedDoneAndUndoBringsItBack() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let oisin = AggregateID("ptui1")
    let entry = LogEntry(
      kind: .call, date: Day(iso: "2026-11-20")!, who: "Mrs O'Brien (mother)",
      summary: "Asked about the reading group", action: "Send the group's timetable home",
      followUp: Day(iso: "2026-12-02")!)
    try app.store.edit(oisin, .log(entry), today: Day(iso: "2026-11-29")!)
    AppRunner.step(&app, [.key(.char("D"))], on: backend)
    #expect(backend.text.contains("Follow up: Send the group's timetable home"))
    #expect(backend.text.contains("due in 3 days"))
    // Soonest first: the missed review, then the follow-up. Enter opens the entry it came from.
    AppRunner.step(&app, [.key(.down), .key(.enter)], on: backend)
    #expect(app.editor != nil)
    #expect(backend.text.contains("Oisín O'Brien — phone call of 20/11/2026"))
    #expect(backend.text.contains("Follow-up done on"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil && app.deadlines != nil)
    AppRunner.step(&app, [.key(.char("x"))], on: backend)
    #expect(
      app.message?.text
        == "Done: Oisín O'Brien: Follow up: Send the group's timetable home — done 29/11/2026 — u undoes"
    )
    #expect(!backend.text.contains("due in 3 days"), "gone from the agenda")
    let done = try #require(try app.store.pupil(oisin)?.value.chronology.last)
    #expect(done.followUpDone == Day(iso: "2026-11-29"))
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(backend.text.contains("due in 3 days"), "undone, it is back")
    #expect(try app.store.pupil(oisin)?.value.chronology.last?.followUpDone == nil)
  }

  @Test func enterOnAnActionOpensThatActionToCorrectOrMarkDone() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let oisin = AggregateID("ptui1")
    let today = Day(iso: "2026-11-29")!
    func day(_ iso: String) -> Day { Day(iso: iso)! }
    try app.store.edit(
      oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
      today: today)
    let ratings = try #require(try app.store.pupil(oisin)?.value.currentCycle).plan.outcomes.map {
      OutcomeRating(outcomeID: $0.id, rating: .partlyAchieved)
    }
    try app.store.perform { step in
      try step.edit(oisin, .enterStage(.plan, on: day("2026-11-20")), today: today)
      try step.edit(
        oisin, .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: day("2026-11-20"))),
        today: today)
      for stage in [Stage.do, .review] {
        try step.edit(oisin, .enterStage(stage, on: day("2026-11-20")), today: today)
      }
      try step.edit(
        oisin,
        .recordReview(
          Review(
            date: day("2026-11-20"), ratings: ratings, progress: .expected, decision: .continue,
            actions: [
              ReviewAction(text: "Phonics games sent home", owner: "Mrs Dawson (TA)"),
              ReviewAction(
                text: "Book the hearing test", owner: "Mr Pattinson", due: day("2026-12-04")),
            ])), today: today)
    }
    AppRunner.step(&app, [.key(.char("D")), .key(.char("/"))], on: backend)
    AppRunner.step(&app, "hearing".map { .key(.char($0)) } + [.key(.enter)], on: backend)
    #expect(backend.text.contains("Book the hearing test"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — action agreed at the review of 20/11/2026"))
    #expect(backend.text.contains("Mr Pattinson"))
    // Down to "Done on", type today and save: it leaves the agenda, the other action is untouched.
    AppRunner.step(
      &app,
      [.key(.tab), .key(.tab), .key(.tab)] + "today".map { .key(.char($0)) }
        + [.key(.ctrl("s"))], on: backend)
    #expect(app.editor == nil && app.deadlines != nil)
    #expect(backend.text.contains("Nothing matches"))
    #expect(
      app.message?.text == "Saved: Oisín O'Brien: action: Book the hearing test — done 29/11/2026")
    let actions = try #require(try app.store.pupil(oisin)?.value.cycles.first?.review?.actions)
    #expect(actions.map(\.done) == [nil, today])
    #expect(actions.map(\.owner) == ["Mrs Dawson (TA)", "Mr Pattinson"])
    // A done date in the future is refused where it is typed, and loses nothing.
    let refused = try? PupilEdit.updateReviewAction(
      cycle: 1, index: 1,
      ReviewAction(text: "Book the hearing test", owner: "Mr Pattinson", done: day("2026-12-25"))
    ).apply(to: #require(try app.store.pupil(oisin)?.value), today: today)
    #expect(refused == nil)
  }

  @Test func enterOnAProvisionsEndOpensThePlanAtThatProvision() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let oisin = AggregateID("ptui1")
    let today = Day(iso: "2026-11-29")!
    for (name, start) in [
      ("Touch-typing club", "2026-09-07"), ("Precision teaching", "2026-09-14"),
    ] {
      try app.store.edit(
        oisin,
        .addProvision(
          Provision(
            intervention: name, sessionsPerWeek: 2, minutesPerSession: 20, weeks: 12,
            hourlyRate: Money(pence: 1950), start: Day(iso: start)!)), today: today)
    }
    AppRunner.step(&app, [.key(.char("D")), .key(.char("/"))], on: backend)
    AppRunner.step(&app, "precision".map { .key(.char($0)) } + [.key(.enter)], on: backend)
    #expect(backend.text.contains("Provision ends: Precision teaching"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    let plan = try #require(app.editor as? PlanEditor)
    #expect(plan.list == .provision && plan.item == 1, "the second provision, selected")
  }

  @Test func theOverviewShowsTheAgendaAndTicksOffWhatWasEntered() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 40)
    let oisin = AggregateID("ptui1")
    let today = Day(iso: "2026-11-29")!
    for (n, due) in [(1, "2026-12-02"), (2, "2026-12-09")] {
      try app.store.edit(
        oisin,
        .log(
          LogEntry(
            kind: .email, date: Day(iso: "2026-11-25")!, who: "Class teacher",
            summary: "Reading log \(n)", action: "Check reading log \(n)",
            followUp: Day(iso: due)!)), today: today)
    }
    AppRunner.step(&app, [.key(.char("/"))], on: backend)
    AppRunner.step(
      &app, "oisin".map { .key(.char($0)) } + [.key(.enter), .key(.enter)], on: backend)
    #expect(app.overview != nil)
    #expect(backend.text.contains("Follow up: Check reading log 1"))
    #expect(backend.text.contains("Meet parents in the Autumn 2026 term"), "the term's meeting")
    AppRunner.step(&app, [.key(.char("d"))], on: backend)
    #expect(app.doneMenu != nil)
    // Both ticked, one step.
    AppRunner.step(
      &app, [.key(.char(" ")), .key(.down), .key(.char(" ")), .key(.enter)], on: backend)
    #expect(app.doneMenu == nil)
    #expect(app.message?.text == "Done: Oisín O'Brien: 2 items marked done 29/11/2026 — u undoes")
    let pupil = try #require(try app.store.pupil(oisin)?.value)
    #expect(pupil.chronology.filter { $0.followUpDone == today }.count == 2)
    #expect(!backend.text.contains("due in 3 days"))
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(
      try app.store.pupil(oisin)?.value.chronology.allSatisfy { $0.followUpDone == nil } == true)
    #expect(backend.text.contains("Follow up: Check reading log 1"))
  }
}

/// The deadlines screen's filter and search.
@Suite struct DeadlinesFilterTests {
  @Test func filterWordsKindsOwnersAndSearchNarrowTheAgenda() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 120, height: 30)
    let today = Day(iso: "2026-11-29")!
    let oisin = AggregateID("ptui1")
    try app.store.edit(
      oisin,
      .log(
        LogEntry(
          kind: .call, date: Day(iso: "2026-11-25")!, who: "Mrs O'Brien", summary: "Reading",
          action: "Send the reading log", followUp: Day(iso: "2026-12-04")!)), today: today)
    AppRunner.step(&app, [.key(.char("D"))], on: backend)
    #expect(app.deadlines?.items.count == 3)
    func filter(_ words: String) {
      AppRunner.step(&app, [.key(.char("F")), .key(.char("f"))], on: backend)
      AppRunner.step(&app, words.map { .key(.char($0)) } + [.key(.enter)], on: backend)
    }
    filter("follow-up")
    #expect(app.deadlines?.items.map(\.kind) == [.followUp])
    #expect(backend.text.contains("filter: follow-up"))
    filter("overdue")
    #expect(app.deadlines?.items.map(\.kind) == [.planReview])
    filter("y4 parents")
    #expect(app.deadlines?.items.map(\.kind) == [.parentMeeting])
    filter("y9")
    #expect(app.deadlines?.items.isEmpty == true)
    #expect(backend.text.contains("Nothing matches; F clears the filter."))
    filter("greenhow")
    #expect(app.deadlines?.items.isEmpty == true, "no action is Mrs Greenhow's")
    // Esc while typing puts the filter back as it was.
    AppRunner.step(&app, [.key(.char("F")), .key(.char("/"))], on: backend)
    AppRunner.step(&app, "reading".map { .key(.char($0)) }, on: backend)
    #expect(app.deadlines?.items.map(\.kind) == [.followUp], "found by the words of the item")
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.deadlines?.items.count == 3)
  }

  @Test func ownersAndMineMatchActions() {
    let today = Day(iso: "2026-11-29")!
    let ref = StatusReport.PupilRef(
      AggregateID("p1"), name: "Oisín O'Brien", dateOfBirth: Day(iso: "2017-11-03")!,
      year: YearGroup(4))
    func action(_ owner: String) -> AgendaItem {
      AgendaItem(
        pupil: ref,
        deadline: Deadline(
          kind: .reviewAction, due: today, title: "Number games", owner: owner,
          ref: .action(cycle: 1, index: 0)), today: today)
    }
    let urgency = Urgency(today: today, settings: .defaults(today: today))
    var f = AgendaFilter(me: ["Pattinson"])
    f.apply(query: "mine")
    #expect(f.matches(action("Mr Pattinson"), pupil: nil, urgency: urgency))
    #expect(f.matches(action("SENCo"), pupil: nil, urgency: urgency))
    #expect(!f.matches(action("Mrs Greenhow"), pupil: nil, urgency: urgency))
    f.apply(query: "greenhow")
    #expect(f.matches(action("Mrs Greenhow"), pupil: nil, urgency: urgency))
    #expect(!f.matches(action(""), pupil: nil, urgency: urgency))
  }
}
