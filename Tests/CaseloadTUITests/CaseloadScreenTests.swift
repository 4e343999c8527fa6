import CaseloadCore
import CaseloadStore
@_exported import CaseloadTestSupport
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The caseload screen rendered into the in-memory grid, driven by action names.
@Suite struct CaseloadScreenTests {
  let today = Day(iso: "2026-11-29")!

  /// A store with a few invented pupils: two share a name, one has left, one has a review overdue.
  func store(_ folder: String) throws -> Store {
    let store = try Store.open(at: folder + "/caseload.sqlite")
    func pupil(_ n: Int, _ given: String, _ family: String, born: String, familyFirst: Bool = false)
      -> Pupil
    {
      Pupil(
        id: AggregateID("ptui\(n)"),
        legalName: PersonName(given: given, family: family, familyFirst: familyFirst),
        dateOfBirth: Day(iso: born)!)
    }
    try store.perform { step in
      try step.add(pupil(1, "Oisín", "O'Brien", born: "2017-11-03"), today: today)
      try step.edit(
        AggregateID("ptui1"),
        .startSENSupport(on: Day(iso: "2025-01-06")!, needs: [.SPLD], parentsInformed: nil),
        today: today)
      try step.edit(
        AggregateID("ptui1"), .startCycle(on: Day(iso: "2026-09-07")!, carryForward: false),
        today: today)
      try step.edit(AggregateID("ptui1"), .setReviewDate(Day(iso: "2026-11-20")!), today: today)
      try step.add(pupil(2, "Lily", "Atkinson", born: "2011-10-14"), today: today)
      try step.add(pupil(3, "Lily", "Atkinson", born: "2020-08-02"), today: today)
      try step.add(pupil(4, "秀英", "王", born: "2018-03-01", familyFirst: true), today: today)
      try step.add(pupil(5, "Ruby", "Hartley", born: "2014-05-05"), today: today)
      try step.edit(AggregateID("ptui5"), .recordLeaving(on: Day(iso: "2026-07-20")!), today: today)
    }
    return store
  }

  func app(_ folder: TemporaryFolder, width: Int, height: Int) throws -> (
    CaseloadApp, MemoryBackend
  ) {
    let backend = MemoryBackend(width: width, height: height)
    let app = try CaseloadApp(
      store: try store(folder.path), today: today, width: width, height: height)
    return (app, backend)
  }

  @Test(arguments: [(80, 24), (40, 12), (200, 50)])
  func theListShowsEveryCurrentPupilAtEverySize(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: width, height: height)
    AppRunner.step(&app, [], on: backend)
    let text = backend.text
    #expect(text.contains("Oisín O'Brien"))
    #expect(text.contains("王秀英"))
    #expect(text.components(separatedBy: "Lily Atkinson").count == 3)
    if width >= 80 {
      #expect(text.contains("Lily Atkinson, b. 14/10/2011"))
      #expect(text.contains("Lily Atkinson, b. 02/08/2020"))
    }
    #expect(!text.contains("Ruby Hartley"), "leavers are hidden until asked for")
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.lines.first?.hasPrefix("Caseload") == true)
    if width >= 80 {
      #expect(text.contains("-9d"))
      #expect(text.contains("Enter open"))
    }
  }

  @Test func searchIgnoresAccentsAndEnterOpensTheOverview() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 80, height: 24)
    _ = app.perform(named: "search")
    AppRunner.step(&app, "oisin".map { .key(.char($0)) } + [.key(.enter)], on: backend)
    #expect(backend.text.contains("1 shown"))
    #expect(app.selectedPupil?.displayName == "Oisín O'Brien")
    _ = app.perform(named: "open")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("SEN support (census K) since 06/01/2025"))
    #expect(backend.text.contains("Esc back"))
    _ = app.perform(named: "back")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("1 shown"))
  }

  @Test func leaversShowWhenAskedAndSortingSurvivesARestart() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    _ = app.perform(named: "leavers")
    _ = app.perform(named: "sort")  // by year
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Ruby Hartley — left 20/07/2026"))
    #expect(backend.text.contains("Y… ▲") || backend.text.contains("Year ▲"))
    let reopened = try CaseloadApp(
      store: try Store.open(at: folder.path + "/caseload.sqlite"), today: today, width: 100,
      height: 24)
    #expect(reopened.list.preferences.sort == .year)
    #expect(reopened.list.preferences.filter.includeLeavers)
  }

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func filterWordsNarrowTheListAsTheyAreTypedAndSurviveARestart() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    AppRunner.step(&app, [.key(.char("f"))] + type("K"), on: backend)
    #expect(backend.text.contains("1 shown"))
    #expect(backend.lines.last?.hasPrefix("Filter: K") == true, "the line being typed")
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("Oisín O'Brien") && !backend.text.contains("Lily"))
    #expect(backend.lines.last?.contains("Filter: K") == true, "the filter in force is shown")
    let reopened = try CaseloadApp(
      store: try Store.open(at: folder.path + "/caseload.sqlite"), today: today, width: 100,
      height: 24)
    #expect(reopened.list.preferences.filter.codes == [.K])
    AppRunner.step(&app, [.key(.char("F"))], on: backend)
    #expect(backend.text.contains("4 shown") && backend.text.contains("Filters cleared."))
  }

  @Test func aWordThatIsNotAFilterIsNamedAndEscPutsTheFilterBack() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    AppRunner.step(&app, [.key(.char("f"))] + type("y10 fi"), on: backend)
    #expect(backend.text.contains("1 shown"), "a half-typed word keeps the last good filter")
    #expect(!backend.text.contains("is not a filter"), "no complaint while the word is being typed")
    AppRunner.step(&app, type("sh "), on: backend)
    #expect(backend.text.contains("“fish” is not a filter."))
    #expect(backend.text.contains("Lily Atkinson, b. 14/10/2011"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(backend.text.contains("4 shown"))
    #expect(app.list.preferences.filter == CaseloadFilter())
  }

  @Test func overdueShowsOnlyPupilsWithSomethingOverdue() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    AppRunner.step(&app, [.key(.char("o"))], on: backend)
    #expect(backend.text.contains("1 shown") && backend.text.contains("Oisín O'Brien"))
    #expect(backend.lines.last?.contains("Filter: overdue") == true)
    AppRunner.step(&app, [.key(.char("o"))], on: backend)
    #expect(backend.text.contains("4 shown"))
  }

  @Test func aColumnKeySortsByItAndAgainReverses() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    AppRunner.step(&app, [.key(.char("2"))], on: backend)
    #expect(app.list.preferences.sort == .year && app.list.preferences.ascending)
    #expect(app.list.shown.first?.dateOfBirth == Day(iso: "2020-08-02"), "Year 1 first")
    #expect(backend.lines[2].contains("▲"))
    AppRunner.step(&app, [.key(.char("2"))], on: backend)
    #expect(!app.list.preferences.ascending)
    #expect(app.list.shown.first?.dateOfBirth == Day(iso: "2011-10-14"), "Year 10 first")
    #expect(backend.lines[2].contains("▼"))
    AppRunner.step(&app, [.key(.char("7"))], on: backend)
    #expect(app.list.shown.first?.displayName == "Oisín O'Brien", "the overdue review first")
    #expect(backend.lines[2].hasSuffix("▲"))
  }

  @Test func searchIsEditedLikeAnyTextField() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    AppRunner.step(&app, [.key(.char("/"))] + type("lily xx") + [.key(.ctrl("w"))], on: backend)
    #expect(app.list.preferences.filter.search == "lily ")
    #expect(backend.text.contains("2 shown"))
    AppRunner.step(&app, [.key(.ctrl("u"))] + type("王"), on: backend)
    #expect(backend.text.contains("1 shown"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.list.preferences.filter.search == "" && backend.text.contains("4 shown"))
  }

  @Test func undoSaysWhatWasUndone() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    _ = app.perform(named: "open")
    _ = app.perform(named: "undo")  // the fixture's one step added every pupil
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Undone: Oisín O'Brien: added"))
    #expect(backend.text.contains("No pupils yet."))
    #expect(
      !backend.text.contains("SEN status"), "the overview of a pupil who no longer exists closes")
    _ = app.perform(named: "redo")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Redone: Oisín O'Brien: added"))
    #expect(backend.text.contains("Lily Atkinson"))
    _ = app.perform(named: "redo")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Nothing to redo"), "a refusal is shown, not swallowed")
  }

  /// A blocked undo says how to get past it, and U does what `caseload undo --skip` does.
  @Test func aBlockedUndoOffersToKeepTheStepAndUndoTheOneBefore() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 120, height: 24)
    let mine = try Store.open(at: folder.path + "/caseload.sqlite")
    try mine.edit(AggregateID("ptui2"), .setRegistrationGroup("6B"), today: today)
    try mine.edit(AggregateID("ptui1"), .setRegistrationGroup("4A"), today: today)
    let other = try Store.open(
      at: folder.path + "/caseload.sqlite",
      actor: ChangeActor(user: "someone-else", host: "office", via: "/dev/pts/9"))
    try other.edit(AggregateID("ptui1"), .setRegistrationGroup("4C"), today: today)
    _ = app.perform(named: "undo")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Undo blocked (U keeps your step and undoes the one before)"))
    _ = app.perform(named: "undo-skip")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Kept: Oisín O'Brien"), "\(backend.text)")
    #expect(try mine.pupil(AggregateID("ptui2"))?.value.registrationGroup == nil)
    #expect(try mine.pupil(AggregateID("ptui1"))?.value.registrationGroup == "4C")
  }

  @Test func anotherSessionsChangeShowsOnTheNextTickKeepingTheSelection() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 100, height: 24)
    _ = app.perform(named: "down")
    let selected = try #require(app.selectedPupil?.id)
    let other = try Store.open(
      at: folder.path + "/caseload.sqlite",
      actor: ChangeActor(user: "bob", host: "laptop", via: "ssh"))
    try other.perform {
      try $0.add(
        Pupil(
          id: AggregateID("pnew"), legalName: PersonName(given: "Aaron", family: "Abbott"),
          dateOfBirth: Day(iso: "2016-01-01")!),
        today: today)
    }
    AppRunner.step(&app, [.tick], on: backend)
    #expect(backend.text.contains("Aaron Abbott"))
    #expect(app.selectedPupil?.id == selected)
  }

  @Test func aTerminalTooSmallSaysWhatItNeeds() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 80, height: 24)
    AppRunner.step(&app, [.resize(width: 30, height: 8)], on: backend)
    #expect(backend.text.contains("Terminal too small"))
    #expect(backend.text.contains("need 40×12"))
    AppRunner.step(&app, [.resize(width: 80, height: 24)], on: backend)
    #expect(backend.text.contains("Oisín O'Brien"))
  }

  @Test func theCommandPaletteRunsAnActionByName() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 80, height: 24)
    AppRunner.step(&app, [.key(.char(":"))] + "leavers".map { .key(.char($0)) }, on: backend)
    #expect(backend.text.contains("Show or hide pupils who have left"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("Ruby Hartley — left"))
  }

  @Test func helpListsEveryBinding() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, width: 80, height: 24)
    AppRunner.step(&app, [.key(.char("?"))], on: backend)
    var seen = backend.text
    for _ in 0..<10 {
      AppRunner.step(&app, [.key(.pageDown)], on: backend)
      seen += backend.text
    }
    for binding in CaseloadApp.listKeys.bindings { #expect(seen.contains(binding.help)) }
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(!backend.text.contains("Keys and what they do"))
  }
}

/// The caseload's store opened by another session: a colleague over SSH, as the tests of two people on one pupil
/// need.
func colleagueStore(_ folder: TemporaryFolder) throws -> Store {
  try Store.open(
    at: folder.path + "/caseload.sqlite",
    actor: ChangeActor(user: "colleague", host: "office", via: "ssh"))
}
