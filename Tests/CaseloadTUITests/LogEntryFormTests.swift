import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Logging concerns and contacts from the keyboard.
@Suite struct LogEntryFormTests {
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func aConcernIsLoggedAsOneStepWithTodaysDate() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("c"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — new concern"))
    #expect(backend.text.contains("29/11/2026"), "dated today unless changed")
    AppRunner.step(
      &app,
      [.key(.tab), .key(.tab)] + type("Mrs Airey (class teacher)") + [.key(.tab), .key(.tab)]
        + type("Reverses b and d in his writing; Zoë noticed too.") + [.key(.ctrl("s"))],
      on: backend)
    #expect(app.editor == nil, "saved and closed")
    #expect(backend.text.contains("Saved: Oisín O'Brien"))
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    let log = try #require(try store.pupil(AggregateID("ptui1"))?.value.chronology.last)
    #expect(log.kind == .concern)
    #expect(log.date == Day(iso: "2026-11-29"))
    #expect(log.who == "Mrs Airey (class teacher)")
    #expect(log.summary == "Reverses b and d in his writing; Zoë noticed too.")
  }

  @Test func aNewMeetingDoesNotStartAsOneWithParents() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("m"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — new meeting"))
    let form = try #require(app.editor as? FormEditor)
    #expect(
      form.form.value("parents") == "false", "a meeting with a teacher is not one with parents")
  }

  @Test func ctrlZSuspendsFromAFormAndKeepsIt() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("c")), .key(.tab), .key(.tab)], on: backend)
    AppRunner.step(&app, type("Mrs Airey"), on: backend)
    #expect(app.handle(.key(.ctrl("z"))) == .suspend)
    #expect((app.editor as? FormEditor)?.form.value("who") == "Mrs Airey", "the form is kept")
    #expect(app.handle(.key(.char("q"))) != .quit, "typing goes on in the form")
  }

  @Test func aSummaryIsRequiredAndAFollowUpDateIsChecked() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(
      &app,
      [.key(.char("o")), .key(.char("m")), .key(.tab), .key(.tab)] + type("Aoife O'Brien")
        + Array(repeating: .key(.tab), count: 4) + type("next tuesdy") + [.key(.ctrl("s"))],
      on: backend)
    #expect(backend.text.contains("Summary is required."))
    #expect(backend.text.contains("Could not read “next tuesdy” as a date."))
    #expect(app.editor != nil)
  }
}

@Suite struct LogEntryFormWordsTests {
  @Test func theTitleFollowsTheKindAndWithOffersThePupilsOwnContacts() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 120, height: 30)
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    try store.edit(
      AggregateID("ptui1"), .addContact(Contact(name: "Aoife O'Brien", relationship: "mother")),
      today: Day(iso: "2026-11-29")!)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("m"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — new meeting"))
    let form = try #require(app.editor as? FormEditor)
    let kinds = try #require(form.form.fields.first { $0.id == "kind" })
    guard case .choice(let choices) = kinds.kind,
      let call = choices.first(where: { $0.title == "Phone call" })
    else {
      Issue.record("no Phone call kind")
      return
    }
    var editor = form
    editor.receive(externalText: call.title, tag: "kind")
    #expect(editor.title == "Oisín O'Brien — new phone call")
    AppRunner.step(&app, [.key(.tab), .key(.tab)], on: backend)
    #expect(backend.text.contains("Contacts: Aoife O'Brien (mother)"), "\(backend.text)")
  }
}
