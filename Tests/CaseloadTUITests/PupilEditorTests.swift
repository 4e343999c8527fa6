import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Adding and editing a pupil's details from the keyboard, in the in-memory grid.
@Suite struct PupilEditorTests {
  let today = Day(iso: "2026-11-29")!

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  let tab = AppEvent.key(.tab)
  let save = AppEvent.key(.ctrl("s"))

  @Test func addingAPupilSavesOneStepThatUndoes() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("a"))], on: backend)
    #expect(backend.text.contains("New pupil"))
    #expect(backend.text.contains("Legal first name*"))
    AppRunner.step(
      &app, type("Zoë") + [tab] + type("Núñez") + [tab, tab, tab, tab] + type("29/02/2016"),
      on: backend)
    #expect(backend.text.contains("Mon 29/02/2016"), "the weekday of the date typed")
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor == nil)
    #expect(backend.text.contains("Saved: Zoë Núñez: added"))
    #expect(backend.text.contains("5 shown"))
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(backend.text.contains("Undone: Zoë Núñez: added"))
    #expect(backend.text.contains("4 shown"))
  }

  @Test func anImpossibleDateIsRefusedBesideTheFieldAndNothingIsSaved() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(
      &app,
      [.key(.char("a"))] + type("Amir") + [tab] + type("Haddad") + [tab, tab, tab, tab]
        + type("31/02/2016") + [tab],
      on: backend)
    #expect(backend.text.contains("31/02/2016 is not a date: February 2016 has 29 days."))
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor != nil, "still editing")
    #expect(backend.text.contains("Some fields need attention"))
    #expect(app.list.all.count == 5, "nothing was added")
  }

  @Test func closingWithUnsavedChangesAsksFirst() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("a"))] + type("Ada"), on: backend)
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(backend.text.contains("Discard your unsaved changes to New pupil?"))
    AppRunner.step(&app, [.key(.char("k"))], on: backend)
    #expect(app.editor?.isDirty == true, "kept editing")
    AppRunner.step(&app, [.key(.escape), .key(.char("d"))], on: backend)
    #expect(app.editor == nil)
    #expect(backend.text.contains("Changes discarded."))
  }

  @Test func anotherSessionsSaveIsAConflictShowingBothAndReloadKeepsYourText() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o"))], on: backend)  // Oisín alone: the overdue one
    AppRunner.step(&app, [.key(.char("e"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — details"))
    // Someone else changes his registration group while the form is open.
    let other = try colleagueStore(folder)
    try other.edit(AggregateID("ptui1"), .setRegistrationGroup("4W"), today: today)
    AppRunner.step(&app, Array(repeating: tab, count: 8) + type("4E") + [save], on: backend)
    #expect(backend.text.contains("Saved by someone else"))
    #expect(backend.text.contains("Registration group — pick m or t"))
    #expect(backend.text.contains("theirs 4W"))
    #expect(backend.text.contains("yours  4E"))
    let stored = try #require(try other.pupil(AggregateID("ptui1")))
    #expect(stored.value.registrationGroup == "4W", "nothing was overwritten")
    AppRunner.step(&app, [.key(.char("r"))], on: backend)
    #expect(backend.text.contains("Registration group: 4E"), "your value kept to copy from")
    #expect(app.editor?.isDirty == false)
  }

  @Test func escapeFromTheBoxKeepsYourEditsAndSavingAsksAgain() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    try colleagueStore(folder).edit(AggregateID("ptui1"), .setRegistrationGroup("4W"), today: today)
    AppRunner.step(&app, Array(repeating: tab, count: 8) + type("4E") + [save], on: backend)
    #expect(backend.text.contains("Saved by someone else"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(!backend.text.contains("Saved by someone else"))
    #expect(backend.text.contains("Nothing was saved; your changes are still here"))
    #expect((app.editor as? FormEditor)?.form.value("reg") == "4E")
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Registration group — pick m or t"), "the same choice again")
  }

  @Test func aSaveOverAnotherSessionsChangeToOtherFieldsMergesWithoutAsking() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    let other = try colleagueStore(folder)
    try other.edit(AggregateID("ptui1"), .setUPN("A123456789012"), today: today)
    AppRunner.step(&app, Array(repeating: tab, count: 8) + type("4E") + [save], on: backend)
    #expect(!backend.text.contains("Saved by someone else"), "nothing clashed")
    #expect(backend.text.contains("merged with colleague@office"), "the message line says so")
    let stored = try #require(try other.pupil(AggregateID("ptui1")))
    #expect(stored.value.registrationGroup == "4E", "yours")
    #expect(stored.value.upn == "A123456789012", "theirs")
  }

  @Test func pickingYoursPerValueSavesYoursAndKeepsTheirOtherChanges() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    let other = try colleagueStore(folder)
    try other.perform {
      try $0.edit(AggregateID("ptui1"), .setRegistrationGroup("4W"), today: today)
      try $0.edit(AggregateID("ptui1"), .setUPN("A123456789012"), today: today)
    }
    AppRunner.step(&app, Array(repeating: tab, count: 8) + type("4E") + [save], on: backend)
    #expect(backend.text.contains("Saved by someone else"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("Pick yours (m) or theirs (t) for one more value."))
    AppRunner.step(&app, [.key(.char("m"))], on: backend)
    #expect(backend.text.contains("Registration group — keeping yours"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(app.editor == nil, "saved and closed")
    let stored = try #require(try other.pupil(AggregateID("ptui1")))
    #expect(stored.value.registrationGroup == "4E", "yours, as picked")
    #expect(stored.value.upn == "A123456789012", "their other change kept")
  }

  @Test func undoInsideTheEditorWaitsForUnsavedChangesAndThenReloadsTheForm() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    AppRunner.step(&app, Array(repeating: tab, count: 8) + type("4E") + [save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: class none → 4E"))
    AppRunner.step(
      &app, [.key(.char("e"))] + Array(repeating: tab, count: 8) + type("X"), on: backend)
    AppRunner.step(&app, [.key(.alt("u"))], on: backend)
    #expect(backend.text.contains("before undoing"))
    AppRunner.step(&app, [.key(.backspace), .key(.alt("u"))], on: backend)
    #expect(backend.text.contains("Undone: Oisín O'Brien: class none → 4E"))
    #expect(app.editor != nil, "the form stays open, reloaded")
    #expect((app.editor as? FormEditor)?.form.value("reg") == "", "the form shows the undone value")
  }

  @Test func savingFromTheOverviewShowsTheChangeThereAndInTheList() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.enter), .key(.char("e"))], on: backend)
    AppRunner.step(&app, [tab, tab, tab] + type("Ossie") + [save], on: backend)
    #expect(backend.text.contains("Saved: Ossie O'Brien: name Oisín O'Brien → Ossie O'Brien"))
    #expect(backend.text.contains("Ossie O'Brien"), "the overview shows the new name")
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(backend.text.contains("Ossie O'Brien (Oisín O'Brien)"))
  }
}

/// Another session's save reaches an open editor within a tick: untouched fields show it, and the line says whose.
@Suite struct EditorRefreshTests {
  let today = Day(iso: "2026-11-29")!
  let tab = AppEvent.key(.tab)
  let save = AppEvent.key(.ctrl("s"))
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func anOpenFormShowsTheOtherSaveInFieldsYouHaveNotTouchedAndKeepsYours() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    AppRunner.step(&app, Array(repeating: tab, count: 8) + type("4E"), on: backend)
    try colleagueStore(folder).edit(AggregateID("ptui1"), .setUPN("A123456789012"), today: today)
    AppRunner.step(&app, [.tick], on: backend)
    let form = try #require(app.editor as? FormEditor).form
    #expect(form.value("upn") == "A123456789012", "their value in the field you left alone")
    #expect(form.value("reg") == "4E", "yours kept")
    #expect(backend.text.contains("Saved meanwhile by colleague@office"))
    AppRunner.step(&app, [save], on: backend)
    let stored = try #require(try colleagueStore(folder).pupil(AggregateID("ptui1"))).value
    #expect(stored.upn == "A123456789012" && stored.registrationGroup == "4E")
  }

  @Test func anUntouchedEditorReloadsAndSaysSo() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    try colleagueStore(folder).edit(AggregateID("ptui1"), .setRegistrationGroup("4W"), today: today)
    AppRunner.step(&app, [.tick], on: backend)
    #expect(try #require(app.editor as? FormEditor).form.value("reg") == "4W")
    #expect(app.editor?.isDirty == false)
    #expect(backend.text.contains("Updated: saved meanwhile by colleague@office"))
  }

  @Test func thePlanShowsAnotherSessionsNewTargetDateWithinATick() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    let other = try colleagueStore(folder)
    let oisin = AggregateID("ptui1")
    try other.edit(
      oisin, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads CVC words")),
      today: today)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("p"))], on: backend)
    var outcome = try #require(try other.pupil(oisin)?.value.currentCycle?.plan.outcomes.first)
    outcome.targetDate = Day(iso: "2027-02-26")
    try other.edit(oisin, .updateOutcome(outcome), today: today)
    AppRunner.step(&app, [.tick], on: backend)
    let plan = try #require(app.editor as? PlanEditor)
    #expect(plan.pupil.currentCycle?.plan.outcomes.first?.targetDate == Day(iso: "2027-02-26"))
    #expect(backend.text.contains("Updated: saved meanwhile by colleague@office"))
  }
}

@Suite struct SettingsAndStatusRefreshTests {
  let today = Day(iso: "2026-11-29")!
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func theSettingsShowAnotherSessionsSaveInFieldsYouHaveNotTouched() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 40)
    AppRunner.step(&app, [.key(.char("W"))] + type("Lakeside Primary"), on: backend)
    let other = try colleagueStore(folder)
    try other.perform {
      try $0.editSettings(.setParentMeetingsPerYear(4), today: today, expectedVersion: 0)
    }
    AppRunner.step(&app, [.tick], on: backend)
    let editor = try #require(app.editor as? SettingsEditor)
    #expect(editor.form.value("meetings") == "4", "their value in the field you left alone")
    #expect(editor.form.value("school") == "Lakeside Primary", "yours kept")
    AppRunner.step(&app, [.key(.ctrl("s"))], on: backend)
    let stored = try other.settings(today: today).value
    #expect(stored.schoolName == "Lakeside Primary" && stored.parentMeetingsPerYear == 4)
  }
}
