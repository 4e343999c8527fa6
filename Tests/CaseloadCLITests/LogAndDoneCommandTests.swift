import Foundation
import Testing

/// `caseload log` writes the note over SSH; its follow-up comes back in `due`; `caseload done` ticks it off
/// and `caseload undo` brings it back.
@Suite struct LogAndDoneCommandTests {
  let today = "2026-11-29"

  func items(_ store: String) throws -> [[String: Any]] {
    let due = try caseload("due", "--json", "--store", store, "--today", today)
    return try #require(
      (try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [String: Any])?["items"]
        as? [[String: Any]])
  }

  @Test func aFollowUpLoggedOverSSHComesBackAndIsTickedOff() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let logged = try caseload(
      "log", "oisin", "--kind", "call", "--with", "Mrs O'Brien (mother)", "--summary",
      "Asked about the reading group", "--action", "Send the timetable home", "--follow-up", "+1w",
      "--store", store, "--today", today)
    #expect(logged.status == 0, "\(logged.stderr)")
    #expect(logged.stdout.contains("Follow-up on Sun 06/12/2026 (in 7 days)"))
    let item = try #require(
      try items(store).first { ($0["title"] as? String) == "Follow up: Send the timetable home" })
    #expect(item["due"] as? String == "2026-12-06")
    #expect(item["detail"] as? String == "phone call of 29/11/2026 with Mrs O'Brien (mother)")
    let key = try #require(item["key"] as? String)

    let done = try caseload("done", key, "--store", store, "--today", today)
    #expect(done.status == 0, "\(done.stderr)")
    #expect(try items(store).allSatisfy { ($0["key"] as? String) != key }, "done leaves the agenda")
    #expect(try caseload("undo", "--store", store).status == 0)
    #expect(try items(store).contains { ($0["key"] as? String) == key }, "undone, it is back")
  }

  @Test func badInputIsRefusedAndSavesNothing() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let history = try caseload("history", "--store", store).stdout
    for (arguments, words) in [
      (
        ["log", "oisin", "--kind", "call", "--summary", "x", "--follow-up", "31/02/2026"], "28 days"
      ),
      (["log", "oisin", "--kind", "call", "--summary", "", "--with", "Mum"], "Say what"),
      (
        [
          "log", "oisin", "--kind", "call", "--summary", "x", "--date", "2026-11-20", "--follow-up",
          "2026-11-10",
        ], "follow-up date"
      ),
      (["done", "pdemo0001/plan-review/cycle:4"], "met by recording it"),
      (["done", "nonsense"], "not an agenda item's key"),
      (["done", "pnobody/follow-up/log:1"], "no pupil"),
    ] {
      let r = try caseload(arguments + ["--store", store, "--today", today])
      #expect(r.status == 1, "\(arguments)")
      #expect(r.stderr.contains(words), "\(arguments): \(r.stderr)")
    }
    let usage = try caseload([
      "log", "oisin", "--kind", "gossip", "--summary", "x", "--store", store,
    ])
    #expect(usage.status == 2)
    #expect(try caseload("history", "--store", store).stdout == history, "nothing saved")
  }
}
