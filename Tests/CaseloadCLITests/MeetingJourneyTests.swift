import CaseloadCore
import CaseloadStore
import Foundation
import Testing

/// Review meetings in a real terminal: a short meeting to its confirmation, and a meeting that survives its
/// process being killed. Each step waits for text on the screen (or for the draft in the store), never a fixed
/// time.
@Suite(.serialized) struct MeetingJourneyTests {
  typealias Tmux = TerminalJourneyTests.Tmux
  let today = "2026-11-29"

  /// A demo pupil whose cycle is at do, with a name no other pupil shares: what `caseload list` says.
  func pupilAtDo(_ path: String) throws -> (id: String, name: String) {
    let listed = try run(
      Binary.caseload, ["list", "--stage", "do", "--json", "--store", path, "--today", today])
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    let names = rows.compactMap { $0["name"] as? String }
    let row = try #require(
      rows.first { row in
        guard let name = row["name"] as? String else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0 == " ") }
          && names.filter { $0 == name }.count == 1
      })
    return (try #require(row["id"] as? String), try #require(row["name"] as? String))
  }

  /// Opens the pupil's meeting from the caseload list, searching for them first.
  func openMeeting(_ t: Tmux, name: String) throws {
    try t.waitFor("35 shown")
    try t.type("/")
    try t.type("-l", name.lowercased())
    try t.type("Enter")
    try t.waitFor("1 shown")
    try t.type("R")
  }

  @Test func aShortMeetingIsRecordedAndPrintedForTheNotesHome() throws {
    guard TerminalJourneyTests.requireTmux() else { return }
    let t = try Tmux()
    let path = t.folder.file("meeting.sqlite")
    try run(Binary.caseload, ["demo", "--store", path, "--today", today])
    let (id, name) = try pupilAtDo(path)
    try t.type("\(Binary.caseload) --store \(path) --today \(today)", "Enter")
    try openMeeting(t, name: name)
    try t.waitFor("Screen 1 of 6 — Who is present")
    try t.type("Enter")
    try t.waitFor("Outcome 1 of")
    try t.type("1")
    try t.waitFor("Rating: achieved")
    // Every outcome but the first not yet achieved, however many the plan has.
    let outcomes = try #require(
      try Store.open(at: path).pupil(AggregateID(id))?.value.currentCycle?.plan.outcomes.count)
    if outcomes >= 2 {
      for n in 2...outcomes {
        try t.type("Enter")
        try t.waitFor("Outcome \(n) of \(outcomes)")
        try t.type("3")
        try t.waitFor("Rating: not yet achieved")
      }
    }
    try t.type("Enter")
    try t.waitFor("Screen 3 of 6 — Views")
    try t.type("-l", "I can do more on my own now.")
    try t.type("Tab")
    try t.type("Tab")
    try t.type("Tab")
    try t.waitFor("Screen 4 of 6 — The decision")
    try t.type("-l", "=")
    try t.type("1")
    try t.waitFor("carrying forward")
    try t.type("Enter")
    try t.waitFor("Screen 5 of 6 — Next review and actions")
    try t.type("Enter")
    try t.waitFor("d remove  Enter continue")
    try t.type("a")
    try t.waitFor("A new action")
    try t.type("-l", "Number games at home")
    try t.type("Tab")
    try t.type("-l", "Mrs Greenhow")
    try t.type("Tab")
    try t.type("-l", "11/12/2026")
    try t.type("Enter")
    try t.waitFor("1. Number games at home — Mrs Greenhow, by Fri 11/12/2026")
    try t.type("Enter")
    try t.waitFor("Screen 6 of 6 — Summary")
    try t.waitFor("Ready: Enter or Ctrl-S records it all as one step")
    try t.type("Enter")
    try t.waitFor("Saved: \(name): review meeting for cycle")
    try t.quitCaseload()
    try t.type("echo prompt-back-$((40+2))", "Enter")
    try t.waitFor("prompt-back-42")

    let printed = try run(Binary.caseload, ["meeting", id, "--store", path, "--today", today])
    #expect(printed.status == 0, "\(printed.stderr)")
    let lines = printed.stdout.components(separatedBy: "\n")
    #expect(lines.first == "\(name) — review meeting, Sun 29/11/2026")
    for line in [
      "     Rating: achieved", "  As expected.", "  I can do more on my own now.", "  Continue.",
      "  1. Number games at home — Mrs Greenhow, by Fri 11/12/2026",
    ] {
      #expect(lines.contains(line), "missing \(line.debugDescription) in\n\(printed.stdout)")
    }
    #expect(
      lines.contains { $0.hasPrefix("    • Cycle ") && $0.contains("started Sun 29/11/2026") })
  }

  @Test func aMeetingSurvivesItsProcessBeingKilledAndResumes() throws {
    guard TerminalJourneyTests.requireTmux() else { return }
    let t = try Tmux()
    let path = t.folder.file("killed.sqlite")
    let pidFile = t.folder.file("caseload.pid")
    try run(Binary.caseload, ["demo", "--store", path, "--today", today])
    let (id, name) = try pupilAtDo(path)
    let pupil = AggregateID(id)
    let outcomes = try #require(
      try Store.open(at: path).pupil(pupil)?.value.currentCycle?.plan.outcomes)
    try #require(outcomes.count >= 2, "the journey moves between two outcomes")
    let first = outcomes[0].id
    // `exec` keeps the shell's process id, so the file holds Caseload's own: the process to kill.
    let start =
      "sh -c 'echo $$ > \(pidFile); exec \(Binary.caseload) --store \(path) --today \(today)'"
    try t.type(start, "Enter")
    try openMeeting(t, name: name)
    try t.waitFor("Screen 1 of 6 — Who is present")
    try t.type("Enter")
    try t.waitFor("Outcome 1 of")
    try t.type("2")
    try t.waitFor("Rating: partly achieved")
    // On to the views, typing without leaving the field: only the once-a-second keeping saves this.
    try t.type("Enter")
    try t.waitFor("Outcome 2 of")
    try t.type("Enter")
    try t.waitFor("Screen 3 of 6 — Views")
    try t.type("-l", "Half a sentence typed")
    try t.waitFor("Half a sentence typed")
    let mine = try Store.open(at: path)
    var kept: MeetingDraft?
    for _ in 0..<300 {
      kept = try mine.meetingDraft(for: pupil)
      if kept?.pupilViews == "Half a sentence typed" { break }
      usleep(50_000)
    }
    #expect(kept?.rating(for: first)?.rating == .partlyAchieved)
    #expect(kept?.pupilViews == "Half a sentence typed", "the tick kept the typing")

    let pid = try #require(
      Int32(
        try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    #expect(kill(pid, SIGKILL) == 0)
    try t.type("stty sane; tput rmcup; clear; echo killed-$((40+2))", "Enter")
    try t.waitFor("killed-42")

    // The search was kept with the other preferences: the list opens on the pupil alone.
    try t.type(start, "Enter")
    try t.waitFor("1 shown")
    try t.type("R")
    try t.waitFor("Resume the meeting started on Sun 29/11/2026, or start again?")
    try t.type("r")
    try t.waitFor("Screen 3 of 6 — Views", "Half a sentence typed")
    try t.type("Escape")
    try t.waitFor("Outcome 2 of")
    try t.type("Left")
    try t.waitFor("Outcome 1 of", "Rating: partly achieved")
    // Pause again, and quit.
    for _ in 0..<2 { try t.type("Escape") }
    try t.waitFor("Pause the meeting, or abandon it?")
    try t.type("p")
    try t.waitFor("Meeting paused; R resumes it.")
    try t.quitCaseload()
    try t.type("echo prompt-back-$((40+2))", "Enter")
    try t.waitFor("prompt-back-42")
  }
}
