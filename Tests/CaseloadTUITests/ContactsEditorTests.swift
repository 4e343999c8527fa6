import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// A pupil's parents, carers and other contacts from the keyboard, in the in-memory grid.
@Suite struct ContactsEditorTests {
  let oisin = AggregateID("ptui1")

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  let tab = AppEvent.key(.tab)
  let enter = AppEvent.key(.enter)
  let save = AppEvent.key(.ctrl("s"))

  func contacts(_ app: CaseloadApp) throws -> [Contact] {
    try #require(try app.store.pupil(oisin)).value.contacts
  }

  @Test func addingEditingAndRemovingAContactEachSaveAStep() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("C"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — contacts"))
    #expect(backend.text.contains("No contacts yet"))

    // Add: an email without its domain is refused beside the field, and nothing is saved.
    AppRunner.step(
      &app,
      [.key(.char("a"))] + type("Siobhán O'Brien") + [tab] + type("mother") + [tab]
        + type("07700 900123") + [tab] + type("siobhan@example") + [tab],
      on: backend)
    #expect(backend.text.contains("Oisín O'Brien — new contact"))
    #expect(backend.text.contains("siobhan@example is not an email address (name@example.org)."))
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Some fields need attention"))
    #expect(try contacts(app).isEmpty, "nothing saved")
    // Saving focused the email: finish it, add a note and save.
    AppRunner.step(
      &app, type(".org") + [tab, tab] + type("Works shifts; text first."), on: backend)
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: contact added: Siobhán O'Brien (mother)"))
    #expect(backend.text.contains("Oisín O'Brien — contacts"), "back on the list")
    #expect(backend.text.contains("siobhan@example.org"))
    #expect(backend.text.contains("Notes: Works shifts; text first."))
    var stored = try contacts(app)
    #expect(stored.count == 1)
    #expect(stored.first?.email == "siobhan@example.org")
    #expect(stored.first?.phone == "07700 900123")
    #expect(stored.first?.parentalResponsibility == true)
    #expect(stored.first?.notes == "Works shifts; text first.")

    // Edit: a new phone number and no parental responsibility.
    AppRunner.step(&app, [enter], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — contact: Siobhán O'Brien"))
    AppRunner.step(
      &app, [tab, tab, .key(.ctrl("u"))] + type("01768 123456") + [tab, tab, .key(.char(" "))],
      on: backend)
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: contact updated: Siobhán O'Brien"))
    stored = try contacts(app)
    #expect(stored.first?.phone == "01768 123456")
    #expect(stored.first?.parentalResponsibility == false)

    // Remove, after asking.
    AppRunner.step(&app, [.key(.char("d"))], on: backend)
    #expect(backend.text.contains("Remove Siobhán O'Brien (mother) from Oisín O'Brien's"))
    AppRunner.step(&app, [.key(.char("n"))], on: backend)
    #expect(try contacts(app).count == 1, "kept")
    AppRunner.step(&app, [.key(.char("d")), .key(.char("y"))], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: contact removed: Siobhán O'Brien"))
    #expect(backend.text.contains("No contacts yet"))
    #expect(try contacts(app).isEmpty)

    // Closing says what was saved; undo on the list brings the contact back.
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil)
    #expect(backend.text.contains("Saved: Oisín O'Brien: contact added"))
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(backend.text.contains("Undone: Oisín O'Brien: contact removed: Siobhán O'Brien"))
    #expect(try contacts(app).map(\.name) == ["Siobhán O'Brien"])
  }

  @Test func leavingAContactFormWithChangesAsksAndKeepsTheList() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(
      &app, [.key(.char("o")), .key(.char("C")), .key(.char("a"))] + type("Ada"), on: backend)
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(backend.text.contains("Discard your unsaved changes to this contact?"))
    AppRunner.step(&app, [.key(.char("d"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — contacts"), "the list stays open")
    #expect(app.editor != nil)
    #expect(try contacts(app).isEmpty)
    // A required field left empty is named beside it.
    AppRunner.step(&app, [.key(.char("a")), save], on: backend)
    #expect(backend.text.contains("Name is required."))
  }

  @Test func theOverviewOpensTheContactsWithCapitalC() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), enter, .key(.char("C"))], on: backend)
    #expect(app.editor is ContactsEditor)
    AppRunner.step(
      &app, [.key(.char("a"))] + type("Dara O'Brien") + [tab] + type("father") + [save], on: backend
    )
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil)
    #expect(backend.text.contains("Dara O'Brien"), "the overview shows the new contact")
  }

  @Test(arguments: [(80, 24), (40, 12)])
  func theContactsEditorFitsTheGrid(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    let store = try CaseloadScreenTests().store(folder.path)
    try store.edit(
      oisin,
      .addContact(
        Contact(
          name: "Siobhán Ní Bhriain-O'Brien", relationship: "mother", phone: "07700 900123",
          email: "siobhan.nibhriain@example.org", notes: "Speaks Irish at home; 王 interpreter")),
      today: Day(iso: "2026-11-29")!)
    var app = try CaseloadApp(
      store: store, today: Day(iso: "2026-11-29")!, width: width, height: height)
    let backend = MemoryBackend(width: width, height: height)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("C"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("Siobhán"))
    AppRunner.step(&app, [enter], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("Name*"))
    AppRunner.step(&app, [.key(.escape), .key(.char("d"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("Remove"))
  }
}
