import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Everything at a glance about one pupil: needs, history, plan, dates, contacts.")

  @ParentCommand var global: Caseload
  @Argument(
    help: ArgumentHelp("A pupil: id (or its first characters), UPN or name.", valueName: "pupil"))
  var pupil: String

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let loaded = try session.loadPupil(pupil, seen: "show")
    var out = Output()
    PupilSheet(
      pupil: loaded.value, today: session.today, settings: try session.settings(),
      history: try session.store.history(for: loaded.value.id, limit: 5)
    ).render(into: &out)
    out.flush()
  }
}
