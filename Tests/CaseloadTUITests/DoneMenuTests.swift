import CaseloadCore
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The done menu asks for the ticked items to be marked done; it reaches no store, so this needs none.
@Suite struct DoneMenuTests {
  let today = Day(iso: "2026-11-29")!

  func pupil() throws -> Pupil {
    let p = Pupil(
      id: AggregateID("pdone1"), legalName: PersonName(given: "Ada", family: "Lovelace"),
      dateOfBirth: Day(iso: "2017-03-12")!)
    return try PupilEdit.log(
      LogEntry(
        kind: .call, date: today, who: "Mr Khan", summary: "Rang home",
        followUp: Day(iso: "2026-12-02"))
    ).apply(to: p, today: today)
  }

  @Test func tickingAFollowUpAndPressingEnterAsksForItToBeMarkedDone() throws {
    let p = try pupil()
    var menu = try #require(DoneMenu(pupil: p, today: today))
    #expect(menu.handle(.char(" "), today: today) == .handled)
    let outcome = menu.handle(.enter, today: today)
    let entry = try #require(p.chronology.first)
    #expect(outcome == .run(.markDone(p.id, [.log(entry.id)], on: today, summary: nil)))
  }

  @Test func enterWithNothingTickedSaysSoAndAsksForNothing() throws {
    var menu = try #require(DoneMenu(pupil: try pupil(), today: today))
    #expect(
      menu.handle(.enter, today: today)
        == .finished("Nothing ticked, nothing marked done.", isError: false))
  }
}

/// The export menu asks for the chosen export; the app's runner writes it.
@Suite struct ExportMenuEffectTests {
  @Test func choosingAnExportAsksForItWithoutTouchingTheStore() {
    var menu = ExportMenu(
      pupilID: AggregateID("pdone1"), name: "Ada Lovelace", environment: ["HOME": "/nowhere"])
    #expect(
      menu.handle(.enter)
        == .run(.export(.planHTML, AggregateID("pdone1"), environment: ["HOME": "/nowhere"])))
    #expect(menu.handle(.escape) == .cancelled)
  }
}

/// The import screen asks for the file to be read and the import saved; it holds no store.
@Suite struct ImportScreenEffectTests {
  @Test func enterOnAPathAsksForItsPreviewAndAnEmptyPathSaysWhatToType() {
    var screen = ImportScreen(lastPath: "")
    #expect(screen.handle(.enter, height: 30) == .handled)
    #expect(screen.problem == "Type the path of the CSV file your MIS exported.")
    screen = ImportScreen(lastPath: "~/pupils.csv")
    #expect(screen.handle(.enter, height: 30) == .run(.previewImport("~/pupils.csv")))
  }
}

/// An editor asks for its save; the app's runner makes it. Until then nothing is written.
@Suite struct EditorSaveEffectTests {
  @Test func ctrlSInAFormAsksForTheSaveAndWritesNothingItself() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("e"))], on: backend)
    var editor = try #require(app.editor as? FormEditor)
    let context = app.editorContext
    let before = try #require(try app.store.pupil(AggregateID("ptui1"))).version
    for _ in 0..<8 { _ = editor.handle(.tab, context: context) }
    for c in "4E" { _ = editor.handle(.char(c), context: context) }
    let outcome = editor.handle(.ctrl("s"), context: context)
    guard case .save(let request) = outcome, case .pupil(let id, let edits, let base) = request.what
    else {
      Issue.record("expected a save request, got \(outcome)")
      return
    }
    #expect(id == AggregateID("ptui1") && base.version == before)
    #expect(edits.contains(.setRegistrationGroup("4E")))
    #expect(try app.store.pupil(id)?.version == before, "nothing written by the editor")
  }
}
