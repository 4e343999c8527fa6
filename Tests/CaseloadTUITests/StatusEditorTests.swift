import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Needs and SEN status from the keyboard, in the in-memory grid: ranked needs, status changes as one step,
/// and the census rules holding at every save.
@Suite struct StatusEditorTests {
  let today = Day(iso: "2026-11-29")!
  let lily = AggregateID("ptui2")
  let oisin = AggregateID("ptui1")

  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }
  let tab = AppEvent.key(.tab)
  let enter = AppEvent.key(.enter)
  let save = AppEvent.key(.ctrl("s"))

  /// The app with the first Lily Atkinson (b. 2011) selected.
  func appOnLily(_ folder: TemporaryFolder, width: Int = 100, height: Int = 30) throws -> (
    CaseloadApp, MemoryBackend
  ) {
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    AppRunner.step(&app, [.key(.char("/"))] + type("lily") + [enter], on: backend)
    #expect(app.selectedPupil?.id == lily)
    return (app, backend)
  }

  /// Chooses a status change: Tab to the form, open the picker, filter by `words`, choose.
  func chooseChange(_ words: String) -> [AppEvent] { [tab, enter] + type(words) + [enter] }

  @Test func puttingLilyOnSENSupportWithRankedNeedsIsOneStepThatUndoes() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appOnLily(folder)
    AppRunner.step(&app, [.key(.char("n"))], on: backend)
    #expect(backend.text.contains("Lily Atkinson — needs and SEN status"))
    #expect(backend.text.contains("Now: no SEN (N)"))
    #expect(backend.text.contains("none recorded"))
    // ASD first, then SLCN ranked above it.
    AppRunner.step(&app, [.key(.char("a"))] + type("autis"), on: backend)
    #expect(backend.text.contains("ASD   autistic spectrum disorder"), "the picker shows meanings")
    AppRunner.step(&app, [enter, .key(.char("a"))] + type("slcn") + [enter], on: backend)
    #expect(backend.text.contains("1 primary   ASD"))
    #expect(backend.text.contains("2 secondary SLCN"))
    AppRunner.step(&app, [.key(.alt(.up))], on: backend)
    #expect(backend.text.contains("1 primary   SLCN  speech, language and communication needs"))
    #expect(backend.text.contains("2 secondary ASD"))
    #expect(
      backend.text.contains("A pupil without SEN support or an EHC plan (census code N) cannot"),
      "needs without SEN support break the census rule until the status changes")
    let events = try app.store.eventCount()
    AppRunner.step(
      &app,
      chooseChange("add") + [tab] + type("27/11/2026") + [tab] + type("28/11/2026"), on: backend)
    #expect(backend.text.contains("add to SEN support (K)"))
    #expect(!backend.text.contains("census code N) cannot"), "the rule holds for SEN support")
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor == nil)
    #expect(
      backend.text.contains("Saved: Lily Atkinson: SEN support (K) from 27/11/2026, need SLCN, ASD")
    )
    let stored = try #require(try app.store.pupil(lily)).value
    #expect(stored.censusCode == .K)
    #expect(stored.needs == [.SLCN, .ASD])
    #expect(stored.openPeriod?.start == Day(iso: "2026-11-27"))
    #expect(stored.openPeriod?.parentsInformed == Day(iso: "2026-11-28"))
    #expect(try app.store.eventCount() == events + 1, "one step")
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(backend.text.contains("Undone: Lily Atkinson: SEN support (K)"))
    let undone = try #require(try app.store.pupil(lily)).value
    #expect(undone.censusCode == .N && undone.needs.isEmpty && undone.senPeriods.isEmpty)
  }

  /// A school starting mid-stream: Lily was on SEN support from 2019 to 2022, before Caseload; then she is put
  /// on SEN support now. Both periods stand, in date order; an overlapping one is refused by name.
  @Test func anEarlierPeriodIsRecordedBesideTheCurrentOne() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appOnLily(folder)
    AppRunner.step(
      &app, [.key(.char("n")), .key(.char("a"))] + type("spld") + [enter], on: backend)
    AppRunner.step(
      &app,
      chooseChange("add") + [tab] + type("06/01/2025"), on: backend)
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor == nil, "\(app.message?.text ?? "")")

    AppRunner.step(&app, [.key(.char("n"))], on: backend)
    AppRunner.step(&app, chooseChange("earlier") + [tab] + type("01/09/2019"), on: backend)
    AppRunner.step(&app, [tab, tab] + type("31/08/2022"), on: backend)
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor == nil, "\(app.message?.text ?? "")")
    #expect(backend.text.contains("earlier SEN support recorded: 01/09/2019 to 31/08/2022"))
    let stored = try #require(try app.store.pupil(lily)).value
    #expect(stored.senPeriods.map(\.start) == [Day(iso: "2019-09-01"), Day(iso: "2025-01-06")])
    #expect(stored.censusCode == .K && stored.openPeriod?.start == Day(iso: "2025-01-06"))

    // One that overlaps the period just entered is refused, naming it.
    AppRunner.step(&app, [.key(.char("n"))], on: backend)
    AppRunner.step(
      &app,
      chooseChange("earlier") + [tab] + type("01/09/2021") + [tab, tab] + type("31/08/2023"),
      on: backend)
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor != nil)
    #expect(
      app.editor?.message?.text.contains("overlaps SEN support from 01/09/2019 (to 31/08/2022)")
        == true, "\(app.editor?.message?.text ?? "")")
  }

  @Test func aSENUnitPlaceIsChosenBesideTheStatusAndShownInTheOverview() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o"))], on: backend)  // Oisín, on SEN support
    // Tab to the form, then past the change, date, parents told and until fields to the place.
    AppRunner.step(
      &app, [.key(.char("n")), tab, tab, tab, tab, tab, enter] + type("unit") + [enter],
      on: backend)
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor == nil, "\(app.message?.text ?? "")")
    #expect(app.message?.text == "Saved: Oisín O'Brien: in the SEN unit")
    #expect(try app.store.pupil(AggregateID("ptui1"))?.value.specialistProvision == .senUnit)
    AppRunner.step(&app, [enter], on: backend)
    #expect(
      backend.text.contains("since 06/01/2025; parents not yet told; a place in the SEN unit"))
  }

  @Test func anEHCPlanRefusesNSAWithTheCensusRuleAndSavesNothing() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o"))], on: backend)  // Oisín alone: the overdue one
    AppRunner.step(&app, [.key(.char("n"))] + chooseChange("move"), on: backend)
    #expect(backend.text.contains("Now: SEN support (K) since 06/01/2025, parents told —"))
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien: EHC plan (E) from 29/11/2026"))
    let planned = try #require(try app.store.pupil(oisin))
    #expect(planned.value.censusCode == .E && planned.value.needs == [.SPLD])

    AppRunner.step(&app, [.key(.char("n"))], on: backend)
    #expect(backend.text.contains("Now: EHC plan (E) since 29/11/2026"))
    #expect(backend.text.contains("SEN support  06/01/2025–29/11/2026  SPLD"), "the history")
    AppRunner.step(&app, [enter] + type("nsa") + [enter], on: backend)
    #expect(backend.text.contains("1 primary   NSA"))
    let rule =
      "NSA (no specialist assessment) can only be used with SEN support (K), not with an EHC plan."
    AppRunner.step(&app, [save], on: backend)
    #expect(app.editor != nil, "still editing")
    #expect(app.editor?.message?.text == rule)
    #expect(app.editor?.message?.isError == true)
    #expect(backend.text.contains("NSA (no specialist assessment) can only be used"))
    let after = try #require(try app.store.pupil(oisin))
    #expect(after.version == planned.version, "nothing saved")
    #expect(after.value.needs == [.SPLD])
  }

  @Test func choosingNSAWhileMovingToAPlanInOneSaveIsRefusedToo() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("n"))], on: backend)
    let before = try #require(try app.store.pupil(oisin))
    // Without the picker's help, straight to the store: the domain's own refusal is shown.
    var editor = try #require(app.editor as? StatusEditor)
    let context = EditorContext(records: app.store, today: today, settings: app.settings)
    func press(_ events: [AppEvent]) {
      for event in events {
        if case .key(let key) = event { _ = editor.handle(key, context: context) }
      }
    }
    press([enter] + type("nsa") + [enter] + chooseChange("move"))
    #expect(editor.needs == [.NSA])
    #expect(editor.change == .ehcPlan)
    #expect(
      editor.ruleProblem
        == "NSA (no specialist assessment) can only be used with SEN support (K), not with an EHC plan."
    )
    let outcome = editor.handle(.ctrl("s"), context: context)
    if case .stay = outcome {
    } else {
      Issue.record("a refused save stays in the editor, not \(outcome)")
    }
    #expect(editor.message?.text.hasPrefix("NSA (no specialist assessment)") == true)
    #expect(try app.store.pupil(oisin)?.version == before.version)
    // A third need is refused by the rule of two.
    press([.key(.shiftTab), .key(.char("a"))] + type("semh") + [enter])
    press([.key(.char("a"))] + type("mld") + [enter])
    #expect(editor.needs == [.NSA, .SEMH, .MLD])
    #expect(
      editor.ruleProblem == "At most two types of need can be recorded (primary and secondary).")
  }

  @Test func recordingLeavingHidesThePupilFromTheList() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appOnLily(folder)
    AppRunner.step(
      &app, [.key(.char("n"))] + chooseChange("record") + [tab] + type("27/11/2026"), on: backend)
    #expect(backend.text.contains("Fri 27/11/2026"))
    AppRunner.step(&app, [save], on: backend)
    #expect(backend.text.contains("Saved: Lily Atkinson: left on 27/11/2026"))
    #expect(try app.store.pupil(lily)?.value.left == Day(iso: "2026-11-27"))
    AppRunner.step(&app, [.key(.char("F"))], on: backend)
    #expect(backend.text.contains("3 shown"), "leavers are hidden")
    #expect(!app.list.shown.contains { $0.id == lily })
    // Shown again with the leavers, read-only: the only change offered is to cancel the leaving.
    AppRunner.step(
      &app, [.key(.char("l")), .key(.char("/"))] + type("lily") + [enter], on: backend)
    #expect(app.list.shown.count == 2)
    let row = try #require(app.list.shown.firstIndex { $0.id == lily })
    let move: Character = row > app.table.selected ? "j" : "k"
    let steps = abs(row - app.table.selected)
    AppRunner.step(&app, Array(repeating: .key(.char(move)), count: steps), on: backend)
    #expect(app.selectedPupil?.id == lily)
    AppRunner.step(&app, [.key(.char("n"))], on: backend)
    #expect(backend.text.contains("left 27/11/2026, read-only"))
    let editor = try #require(app.editor as? StatusEditor)
    #expect(editor.changes == [.none, .cancelLeaving])
    AppRunner.step(&app, chooseChange("cancel") + [save], on: backend)
    #expect(backend.text.contains("Saved: Lily Atkinson: leaving date cancelled"))
    #expect(try app.store.pupil(lily)?.value.left == nil)
  }

  @Test func theOverviewOpensTheStatusEditorWithN() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try appOnLily(folder)
    AppRunner.step(&app, [enter, .key(.char("n"))], on: backend)
    #expect(app.editor is StatusEditor)
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil, "nothing changed: closes without asking")
    #expect(backend.text.contains("Esc back"), "back on the overview")
  }

  @Test(arguments: [(80, 24), (40, 12)])
  func theStatusEditorFitsTheGrid(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("n"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("Oisín O'Brien — needs"))
    #expect(backend.text.contains("SPLD"))
    #expect(backend.text.contains("Status change"))
    AppRunner.step(&app, [.key(.char("a"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    #expect(backend.text.contains("Add a type of need"))
    AppRunner.step(&app, [.key(.escape), tab, enter], on: backend)
    #expect(backend.text.contains("Status change"), "the change picker")
    #expect(backend.text.contains("end SEN support"))
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    AppRunner.step(&app, [.key(.escape), tab], on: backend)
    #expect(app.editor != nil)
    #expect(backend.text.contains("Changed on"))
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
  }

  /// The keys of the editors' lists are in the README, word for word.
  @Test func theReadmeListsTheKeysOfTheseEditors() throws {
    let expected = """
      ### Needs, in the status editor

      \(StatusEditor.needKeys.markdownTable())
      ### Contacts

      \(ContactsEditor.listKeys.markdownTable())
      ### Staff roles, in the school settings

      \(SettingsEditor.roleKeys.markdownTable())
      """
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    if ProcessInfo.processInfo.environment["CASELOAD_WRITE_KEYS"] != nil {
      try expected.write(toFile: "/tmp/caseload-editor-keys.md", atomically: true, encoding: .utf8)
    }
    #expect(readme.contains(expected), "the README's editor keys differ from the keymaps")
  }
}
