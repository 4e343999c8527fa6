import Foundation
import Testing

/// `caseload meeting PUPIL` run as a process on the demo store.
@Suite struct MeetingCommandTests {
  let today = "2026-11-29"

  @Test func printsTheLastReviewMeetingForTheNotesHome() throws {
    let folder = TemporaryFolder()
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    let r = try caseload("meeting", "oisin", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let lines = r.stdout.components(separatedBy: "\n")
    #expect(lines.first?.hasPrefix("Oisín O'Brien — review meeting, ") == true)
    for line in [
      "  Review of cycle 3 of the SEN support plan; born 03/11/2017, Year 3 at the time",
      "Who was present",
      "  Aoife O'Brien (mother) — parent/carer",
      "Outcomes",
      "     Rating: achieved",
      "     Note: Uses sound buttons without prompting.",
      "Progress",
      "The pupil's voice",
      "The parents' views",
      "Is the support what they need?",
      "Decision",
      "Next review",
      "  Tue 08/12/2026",
      "Actions",
      "  None agreed.",
    ] {
      #expect(lines.contains(line), "missing \(line.debugDescription) in\n\(r.stdout)")
    }
    #expect(!r.stdout.contains("\u{1B}["), "no colour in a pipe")
  }

  @Test func aPupilWithNoMeetingYetIsToldSoAndExitsZero() throws {
    let folder = TemporaryFolder()
    let r = try caseload(
      "--demo", "meeting", "poppy walker", "--today", today, environment: ["TMPDIR": folder.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout
        == "Poppy Walker has had no review meeting yet: R on the caseload runs one once the cycle is at do.\n"
    )
  }

  @Test func anUnknownPupilIsAProblemExitingOne() throws {
    let folder = TemporaryFolder()
    let r = try caseload(
      "--demo", "meeting", "nobody at all", "--today", today,
      environment: ["TMPDIR": folder.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("No pupil matches “nobody at all”"))
  }
}
