import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The school settings from the keyboard, in the in-memory grid: name, terms, staff rates, and another
/// session's save met as a conflict.
@Suite struct SettingsEditorTests {
  let today = Day(iso: "2026-11-29")!

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  let tab = AppEvent.key(.tab)
  let enter = AppEvent.key(.enter)
  let save = AppEvent.key(.ctrl("s"))
  let clear = AppEvent.key(.ctrl("u"))
  /// From the school name to "Autumn 2026 ends": local authority, email, autumn start, autumn end.
  var toAutumnEnd: [AppEvent] { [tab, tab, tab, tab] }

  @Test func theSchoolNameAndATermDateSaveAsOneStep() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("W"))], on: backend)
    #expect(backend.text.contains("School settings"))
    #expect(backend.text.contains("Autumn 2026"))
    #expect(backend.text.contains("18/12/2026"), "the typical English dates to start from")
    let events = try app.store.eventCount()
    AppRunner.step(
      &app,
      type("Fell View Primary") + [tab] + type("Cumberland") + [tab]
        + type("SEND@cumberland.gov.uk") + [tab, tab, clear] + type("17/12/2026"),
      on: backend)
    #expect(backend.text.contains("Thu 17/12/2026"))
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor == nil)
    #expect(backend.text.contains("Saved: school settings: Fell View Primary, Cumberland"))
    #expect(backend.lines.first?.hasPrefix("Caseload — Fell View Primary") == true, "the header")
    let stored = try app.store.settings(today: today)
    #expect(stored.value.schoolName == "Fell View Primary")
    #expect(stored.value.localAuthoritySENDEmail == "SEND@cumberland.gov.uk")
    let autumn = stored.value.terms.first { $0.title == "Autumn 2026" }
    #expect(autumn?.end == Day(iso: "2026-12-17"))
    #expect(stored.value.terms.count == 6)
    #expect(try app.store.eventCount() == events + 1, "one step")
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(try app.store.settings(today: today).value.schoolName == "")
  }

  @Test func aTermEndingBeforeItStartsIsRefusedAndNothingIsSaved() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(
      &app, [.key(.char("W"))] + toAutumnEnd + [clear] + type("01/09/2026") + [save], on: backend)
    #expect(app.editor != nil, "still editing")
    #expect(
      backend.text.contains(
        "Autumn 2026 must end after it starts: it ends 01/09/2026 and starts 02/09/2026."))
    #expect(try app.store.settings(today: today).version == 0, "nothing saved")
    // Spring starting before autumn ends is refused too: terms go in order.
    AppRunner.step(
      &app, [clear] + type("18/12/2026") + [tab, clear] + type("10/12/2026") + [save], on: backend)
    #expect(
      backend.text.contains("Spring 2027 starts (10/12/2026) before Autumn 2026 ends (18/12/2026)"))
    #expect(try app.store.settings(today: today).version == 0)
    // A date that is not one is named beside its field.
    AppRunner.step(&app, [clear] + type("31/02/2027") + [tab], on: backend)
    #expect(backend.text.contains("31/02/2027 is not a date: February 2027 has 28 days."))
  }

  @Test func aStaffRolesRateIsChangedAndABadAmountRefusedBesideIt() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    // Shift-Tab from the school name goes to the staff roles.
    AppRunner.step(&app, [.key(.char("W")), .key(.shiftTab)], on: backend)
    #expect(backend.text.contains("Teaching assistant  £16.50 an hour"))
    AppRunner.step(&app, [enter], on: backend)
    #expect(backend.text.contains("Staff role: Teaching assistant"))
    AppRunner.step(&app, [tab, clear] + type("12,50") + [enter], on: backend)
    #expect(backend.text.contains("12,50: use a full stop before the pence, for example £12.50."))
    AppRunner.step(&app, [clear] + type("£17.25") + [enter], on: backend)
    #expect(backend.text.contains("Teaching assistant  £17.25 an hour"))
    // Add a role, remove another, then save them all in one step.
    AppRunner.step(
      &app, [.key(.char("a"))] + type("Speech therapist") + [tab] + type("52") + [enter],
      on: backend)
    #expect(backend.text.contains("Speech therapist    £52.00 an hour"))
    AppRunner.step(&app, [.key(.char("k")), .key(.char("d"))], on: backend)
    #expect(backend.text.contains("SENCo removed"))
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: staff roles and rates updated (4)"))
    let roles = try app.store.settings(today: today).value.staffRoles
    #expect(
      roles.map { "\($0.name) \($0.hourlyRate)" } == [
        "Teaching assistant £17.25", "HLTA £19.50", "Teacher £39.00", "Speech therapist £52.00",
      ])
  }

  @Test func anotherSessionsSaveIsAConflictAndNothingIsOverwritten() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("W"))] + type("Lakeside Primary"), on: backend)
    let other = try colleagueStore(folder)
    try other.perform {
      try $0.editSettings(
        .setSchool(name: "Fell View Primary", localAuthority: "Cumberland", sendEmail: ""),
        today: today, expectedVersion: 0)
    }
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved by someone else"))
    #expect(backend.text.contains("colleague@office"))
    #expect(backend.text.contains("theirs Fell View Primary"))
    #expect(backend.text.contains("yours  Lakeside Primary"))
    #expect(try other.settings(today: today).value.schoolName == "Fell View Primary")
    AppRunner.step(&app, [.key(.char("r"))], on: backend)
    #expect(
      backend.text.contains("Reloaded their version. Yours, unsaved: School name: Lakeside Primary")
    )
    let editor = try #require(app.editor as? SettingsEditor)
    #expect(editor.form.value("school") == "Fell View Primary")
    #expect(editor.form.value("la") == "Cumberland")
    #expect(!editor.isDirty)
    // Saved at their version now, it goes through.
    AppRunner.step(&app, [.key(.ctrl("u"))] + type("Lakeside Primary") + [save], on: backend)
    #expect(backend.text.contains("Saved: school settings: Lakeside Primary, Cumberland"))
    #expect(try other.settings(today: today).value.schoolName == "Lakeside Primary")
  }

  @Test(arguments: [(80, 24), (40, 12)])
  func theSettingsEditorFitsTheGrid(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    AppRunner.step(&app, [.key(.char("W"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("School name"))
    #expect(backend.text.contains("Staff roles"))
    AppRunner.step(&app, [.key(.shiftTab), enter], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("Hourly rate*"))
    AppRunner.step(&app, [.key(.escape), .key(.shiftTab)], on: backend)
    #expect(backend.text.contains("Parent meet"))
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
  }
}

/// The phases field reads year groups as a SENCo writes them.
@Suite struct SettingsPhasesFieldTests {
  @Test func phasesAreReadAndWrittenAsYearGroups() {
    #expect(SettingsEditor.phases("N, 2, 6, 11") == [-1, 2, 6, 11])
    #expect(SettingsEditor.phases("nursery Y4 y8 11") == [-1, 4, 8, 11])
    #expect(SettingsEditor.phases("6, Reception") == nil)
    #expect(SettingsEditor.phases("14") == nil)
    #expect(SettingsEditor.phaseText([11, -1, 6]) == "N, 6, 11")
  }
}
