import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// `x` on a pupil, in the list or the overview: the exports, written to the documents folder.
@Suite struct ExportMenuTests {
  let today = Day(iso: "2026-11-29")!

  func app(_ folder: TemporaryFolder, environment: [String: String]) throws -> (
    CaseloadApp, MemoryBackend
  ) {
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    let id = AggregateID("pexport")
    try store.perform { step in
      try step.add(
        Pupil(
          id: id, legalName: PersonName(given: "Oisín", family: "O'Brien"),
          dateOfBirth: Day(iso: "2017-11-03")!), today: today)
      try step.edit(
        id, .startSENSupport(on: Day(iso: "2026-09-01")!, needs: [.SPLD], parentsInformed: nil),
        today: today)
      try step.edit(id, .startCycle(on: Day(iso: "2026-09-07")!, carryForward: false), today: today)
      try step.edit(
        id, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Spell 40 words.")),
        today: today)
      try step.edit(id, .setReviewDate(Day(iso: "2026-12-08")!), today: today)
    }
    var app = try CaseloadApp(store: store, today: today, width: 100, height: 30)
    app.exportEnvironment = environment
    return (app, MemoryBackend(width: 100, height: 30))
  }

  func mode(_ path: String) throws -> Int? {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
  }

  @Test func xOffersTheExportsAndSaysWhereTheFileWent() throws {
    let folder = TemporaryFolder()
    let documents = folder.path + "/documents"
    var (app, backend) = try app(
      folder, environment: ["XDG_DOCUMENTS_DIR": documents, "XDG_CONFIG_HOME": folder.path])
    AppRunner.step(&app, [.key(.char("x"))], on: backend)
    #expect(backend.text.contains("Export for Oisín O'Brien"))
    for choice in [
      "Plan for parents (HTML)", "Plan for parents (Markdown)", "Review meeting record (HTML)",
      "EHC evidence pack (HTML)", "EHC evidence pack (Markdown)", "Everything held (JSON)",
    ] {
      #expect(backend.text.contains(choice), "missing \(choice)")
    }
    AppRunner.step(&app, [.key(.enter)], on: backend)
    let file = documents + "/oisin-obrien-plan-2026-11-29.html"
    #expect(app.exportMenu == nil)
    #expect(app.message?.text == "Wrote the plan for parents to \(file)")
    #expect(app.message?.isError == false)
    #expect(backend.text.contains("Wrote the plan for parents to"))
    #expect(try mode(documents) == 0o700)
    #expect(try mode(file) == 0o600)
    let html = try String(contentsOfFile: file, encoding: .utf8)
    #expect(html.contains("<h1>SEN support plan for Oisín O&#39;Brien</h1>"))
    #expect(html.contains("Tuesday 8 December 2026"))

    // Again the same day: a new file, the first left as it was.
    AppRunner.step(&app, [.key(.char("x")), .key(.enter)], on: backend)
    #expect(
      app.message?.text
        == "Wrote the plan for parents to \(documents)/oisin-obrien-plan-2026-11-29-2.html")
  }

  @Test func fromTheOverviewTypingFiltersTheChoices() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(folder, environment: ["HOME": folder.path])
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("SEN support"), "the overview is open")
    AppRunner.step(
      &app, [.key(.char("x"))] + "json".map { .key(.char($0)) } + [.key(.enter)], on: backend)
    let file = folder.path + "/Documents/caseload/oisin-obrien-record-2026-11-29.json"
    #expect(app.message?.text == "Wrote everything held to \(file)")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
    #expect((json as? [String: Any])?["pupil"] != nil)
    #expect(try mode(folder.path + "/Documents/caseload") == 0o700)
  }

  @Test func escClosesTheMenuAndAnExportThatCannotBeMadeSaysWhy() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try app(
      folder, environment: ["XDG_DOCUMENTS_DIR": folder.path, "XDG_CONFIG_HOME": folder.path])
    AppRunner.step(&app, [.key(.char("x")), .key(.escape)], on: backend)
    #expect(app.exportMenu == nil)
    #expect(!backend.text.contains("Export for"))
    // No review has been recorded, so there is no meeting to export.
    AppRunner.step(
      &app, [.key(.char("x"))] + "meeting markdown".map { .key(.char($0)) } + [.key(.enter)],
      on: backend)
    #expect(
      app.message?.text
        == "Oisín O'Brien has no review meeting recorded yet: a record is made once a cycle's review is recorded."
    )
    #expect(app.message?.isError == true)
  }
}
