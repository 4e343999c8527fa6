import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// `i` on the caseload: the file prompt, the preview of the plan, and the import once confirmed.
@Suite struct ImportScreenTests {
  let today = Day(iso: "2026-11-29")!

  func setUp(_ folder: TemporaryFolder) throws -> (CaseloadApp, MemoryBackend, String) {
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    try store.perform { step in
      try step.add(
        Pupil(
          id: AggregateID("pimp1"), legalName: PersonName(given: "Amara", family: "Testington"),
          dateOfBirth: Day(iso: "2016-10-03")!, registrationGroup: "4A"), today: today)
    }
    let csv = folder.path + "/pupils.csv"
    try """
    Surname,Forename,DOB,Reg Group,SEN
    Testington,Amara,03/10/2016,5A,N
    Plumtree,Kit,05/12/2016,5B,N
    Quillfeather,Rosa,31/02/2016,5C,K
    """.write(toFile: csv, atomically: true, encoding: .utf8)
    let app = try CaseloadApp(store: store, today: today, width: 100, height: 30)
    return (app, MemoryBackend(width: 100, height: 30), csv)
  }

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func thePreviewShowsThePlanAndNothingIsSavedUntilConfirmed() throws {
    let folder = TemporaryFolder()
    var (app, backend, csv) = try setUp(folder)
    _ = app.perform(named: "import")
    AppRunner.step(&app, [], on: backend)
    #expect(backend.text.contains("Import pupils from the school's MIS"))
    AppRunner.step(&app, type(csv) + [.key(.enter)], on: backend)
    let text = backend.text
    #expect(text.contains("Import of pupils.csv — a preview: nothing is saved until you confirm"))
    #expect(text.contains("1 new · 1 changed · 0 unchanged · 1 rejected · 0 not in the file"))
    #expect(text.contains("Registration group 4A → 5A"))
    #expect(text.contains("line 4    Rosa Quillfeather"))
    #expect(backend.lines.allSatisfy { $0.displayWidth <= 100 })

    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(app.importScreen?.confirm != nil, "Enter asks first")
    #expect(backend.text.contains("Import pupils.csv: add 1 new pupil and change 1?"))
    AppRunner.step(&app, [.key(.char("c"))], on: backend)
    #expect(app.importScreen?.confirm == nil)
    #expect(app.list.all.count == 1, "cancelling the question saves nothing")

    // y answers the question as i does: the import is one step that u undoes.
    AppRunner.step(&app, [.key(.enter), .key(.char("y"))], on: backend)
    #expect(app.importScreen == nil)
    #expect(app.message?.text == "Imported: Import of pupils.csv: 1 new, 1 changed")
    #expect(app.list.all.count == 2, "the list reloads")
    #expect(backend.text.contains("Kit Plumtree"))

    _ = app.perform(named: "undo")
    #expect(app.message?.text == "Undone: Import of pupils.csv: 1 new, 1 changed")
    #expect(app.list.all.count == 1)
  }

  @Test func aFileThatCannotBeReadKeepsThePromptAndEscLeaves() throws {
    let folder = TemporaryFolder()
    var (app, backend, _) = try setUp(folder)
    _ = app.perform(named: "import")
    AppRunner.step(&app, type(folder.path + "/nowhere.csv") + [.key(.enter)], on: backend)
    #expect(app.importScreen?.plan == nil)
    #expect(backend.text.contains("There is no file \(folder.path)/nowhere.csv."))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.importScreen == nil)
    #expect(app.list.all.count == 1)
  }

  @Test func escFromThePreviewSaysNothingWasSavedAndThePathIsOfferedAgain() throws {
    let folder = TemporaryFolder()
    var (app, backend, csv) = try setUp(folder)
    _ = app.perform(named: "import")
    AppRunner.step(&app, type(csv) + [.key(.enter), .key(.escape)], on: backend)
    #expect(app.importScreen == nil)
    #expect(app.message?.text == "Import cancelled: nothing was saved.")
    _ = app.perform(named: "import")
    #expect(app.importScreen?.path.text == csv, "the last file is offered again")
  }

  @Test func pathsAreReadAsTerminalsPasteThem() {
    #expect(ImportScreen.resolve("'/tmp/my file.csv'") == "/tmp/my file.csv")
    #expect(ImportScreen.resolve("/tmp/my\\ file.csv ") == "/tmp/my file.csv")
    #expect(ImportScreen.resolve("~/x.csv") == NSHomeDirectory() + "/x.csv")
  }
}

@Suite struct ImportScreenWordsTests {
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func aFileWithoutTheNeededColumnsSaysWhereAMappingIsGiven() throws {
    let folder = TemporaryFolder()
    let csv = folder.path + "/odd.csv"
    try "UPN,Family,Forename,Born\nU820200101001,Testington,Amara,03/10/2016\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 120, height: 30)
    AppRunner.step(
      &app, [.key(.char("i")), .key(.ctrl("u"))] + type(csv) + [.key(.enter)], on: backend)
    #expect(backend.text.contains("mapping file, which the"), "\(backend.text)")
    #expect(backend.text.contains("Born."), "the whole message, wrapped, not cut off")
    #expect(!backend.text.contains("--mapping FILE"), "a flag the screen has no way to take")
  }
}
