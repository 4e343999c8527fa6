import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

struct MeetingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meeting",
    abstract:
      "The record of a pupil's last review meeting, for the notes sent to the parents: who was there, each outcome's rating, the views, the decision, the next review and the actions."
  )

  @ParentCommand var global: Caseload
  @Argument(
    help: ArgumentHelp("A pupil: id (or its first characters), UPN or name.", valueName: "pupil"))
  var pupil: String

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let loaded = try session.loadPupil(pupil, seen: "meeting")
    var out = Output()
    MeetingSheet(pupil: loaded.value, today: session.today).render(into: &out)
    out.flush()
  }
}
