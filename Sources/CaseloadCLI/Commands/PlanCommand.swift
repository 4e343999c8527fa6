import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract:
      "One pupil's current SEN support plan in full: profile, outcomes, provision and its cost, views, agreement."
  )

  @ParentCommand var global: Caseload
  @Argument(
    help: ArgumentHelp("A pupil: id (or its first characters), UPN or name.", valueName: "pupil"))
  var pupil: String

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let loaded = try session.loadPupil(pupil, seen: "plan")
    var out = Output()
    PlanSheet(pupil: loaded.value, today: session.today, settings: try session.settings())
      .render(into: &out)
    out.flush()
  }
}
