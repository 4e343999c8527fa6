import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The screens as a stack: Esc goes back to the screen under, a refresh keeps each screen where it was, and the
/// pupil actions work the same from the list, the overview and the deadlines.
@Suite struct ScreenStackTests {
  let today = Day(iso: "2026-11-29")!

  @Test func anotherSessionsSaveKeepsTheTimelinesZoomAndSelection() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("t")), .key(.char("-"))], on: backend)
    AppRunner.step(&app, [.key(.left), .key(.left)], on: backend)
    let before = try #require(app.timeline?.screen)
    #expect(before.zoom == .all)
    let selected = try #require(before.selectedEvent?.id)

    try colleagueStore(folder).edit(
      AggregateID("ptui1"),
      .log(LogEntry(kind: .concern, date: today, who: "Mr Khan", summary: "Tired in the mornings")),
      today: today)
    AppRunner.step(&app, [.tick], on: backend)
    let after = try #require(app.timeline?.screen)
    #expect(after.zoom == .all, "the zoom is kept")
    #expect(after.selectedEvent?.id == selected, "the selection is kept")
    #expect(after.model.events.count == before.model.events.count + 1, "the new concern is there")
  }

  @Test func escapeGoesBackDownTheStackOneScreenAtATime() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("D"))], on: backend)
    #expect(app.deadlines != nil)
    AppRunner.step(&app, [.key(.char("p"))], on: backend)
    #expect(app.editor is PlanEditor, "p on a deadline opens that pupil's plan")
    #expect(app.stack.count == 2)
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil && app.stack.count == 1, "back on the deadlines")
    #expect(backend.text.contains("Deadlines") || backend.text.contains("Due"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.stack.isEmpty, "back on the list")
  }

  @Test func thePupilActionsAreOneTableInEveryScreenThatShowsPupils() {
    for action in PupilAction.allCases {
      let name = action.binding.1
      #expect(CaseloadApp.listKeys.action(named: name) == .pupil(action))
      #expect(CaseloadApp.overviewKeys.action(named: name) == .pupil(action))
      if action != .export {
        #expect(DeadlinesScreen.keys.action(named: name) == .pupil(action))
      }
    }
  }

  @Test func helpOverAnyScreenClosesBackToThatScreen() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.enter), .key(.char("?"))], on: backend)
    #expect(backend.text.contains("Keys"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.overview != nil, "still on the overview")
    #expect(!backend.text.contains("Mark follow-ups, actions or provision endings done"))
  }
}

@Suite struct ListSelectionTests {
  @Test(arguments: [12, 16, 30]) func gMarksTheLastPupilOnScreen(height: Int) throws {
    let folder = TemporaryFolder()
    let store = try CaseloadScreenTests().store(folder.path)
    let today = Day(iso: "2026-11-29")!
    try store.perform { step in
      for n in 1...30 {
        try step.add(
          Pupil(
            id: AggregateID("pextra\(n)"),
            legalName: PersonName(given: "Ada", family: "Zephyr \(n)"),
            dateOfBirth: Day(iso: "2017-03-12")!), today: today)
      }
    }
    let backend = MemoryBackend(width: 100, height: height)
    var app = try CaseloadApp(store: store, today: today, width: 100, height: height)
    AppRunner.step(&app, [.key(.char("G"))], on: backend)
    let last = try #require(app.list.shown.last)
    #expect(app.selectedPupil?.id == last.id)
    let marked = backend.text.split(separator: "\n").first { $0.hasPrefix("▶") }
    #expect(marked?.contains(last.displayName) == true, "\(backend.text)")
  }
}

@Suite struct PaletteAndHelpEverywhereTests {
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func thePaletteRunsTheOverviewsActionsByName() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.enter), .key(.char(":"))], on: backend)
    #expect(backend.text.contains("Commands"))
    AppRunner.step(&app, type("timeline") + [.key(.enter)], on: backend)
    #expect(app.timeline != nil, "the overview's timeline action ran")
    AppRunner.step(&app, [.key(.char(":"))] + type("zoom-out") + [.key(.enter)], on: backend)
    #expect(app.timeline?.screen.zoom == .all, "and the timeline's own, by name")
  }

  @Test func thePaletteOnTheDeadlinesRunsTheirActions() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("D")), .key(.char(":"))] + type("edit-plan"), on: backend)
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(app.editor is PlanEditor)
  }

  @Test func theNeedsEditorsHelpListsItsOwnKeys() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 60)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("n")), .key(.function(1))], on: backend)
    #expect(backend.text.contains("Rank the highlighted need lower"), "\(backend.text)")
  }
}
