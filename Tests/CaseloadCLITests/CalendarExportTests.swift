import Foundation
import Testing

/// `caseload export calendar`: the agenda as an iCalendar file a calendar program imports and updates.
@Suite struct CalendarExportTests {
  let today = "2026-11-29"

  func lines(_ data: String) -> [String] {
    data.components(separatedBy: "\r\n").dropLast().map { $0 }
  }

  /// Content lines joined again: a line starting with a space continues the one before.
  func unfolded(_ data: String) -> [String] {
    var out: [String] = []
    for line in lines(data) {
      if line.hasPrefix(" "), !out.isEmpty {
        out[out.count - 1] += line.dropFirst()
      } else {
        out.append(line)
      }
    }
    return out
  }

  @Test func oneEventPerAgendaItemWithStableIDsAndNoNamesUnlessAsked() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = folder.file("agenda.ics")
    let r = try caseload(
      "export", "calendar", "--within", "28d", "--output", file, "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let attributes = try FileManager.default.attributesOfItem(atPath: file)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line endings")
    #expect(lines(text).allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
    let content = unfolded(text)
    #expect(content.first == "BEGIN:VCALENDAR" && content.last == "END:VCALENDAR")
    let due = try caseload("due", "--within", "28d", "--json", "--store", store, "--today", today)
    let items = try #require(
      (try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [String: Any])?["items"]
        as? [Any])
    #expect(content.filter { $0 == "BEGIN:VEVENT" }.count == items.count)
    let uids = content.filter { $0.hasPrefix("UID:") }
    #expect(Set(uids).count == uids.count, "one UID per item")
    #expect(!text.contains("Oisín"), "initials only: calendars are shared")
    #expect(content.contains { $0.hasPrefix("SUMMARY:O.O. (Y4): ") })

    // Exported again, each item keeps its UID, so a calendar updates its events instead of doubling them.
    let again = try caseload(
      "export", "calendar", "--within", "28d", "--store", store, "--today", today)
    #expect(unfolded(again.stdout).filter { $0.hasPrefix("UID:") } == uids)

    let named = try caseload(
      "export", "calendar", "--names", "--within", "28d", "--store", store, "--today", today)
    #expect(unfolded(named.stdout).contains { $0.hasPrefix("SUMMARY:Oisín O'Brien (Y4): ") })
  }

  @Test func aRealParserReadsIt() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = folder.file("agenda.ics")
    let r = try caseload(
      "export", "calendar", "--names", "--within", "all", "--output", file, "--store", store,
      "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let script = """
      import sys
      try:
          import icalendar
      except ImportError:
          print("no-icalendar"); sys.exit(0)
      cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      events = list(cal.walk('VEVENT'))
      assert events, "no events"
      for e in events:
          assert e.get('UID') and e.get('DTSTART') and e.get('DTEND') and e.get('SUMMARY'), e
          assert e.decoded('DTEND') > e.decoded('DTSTART')
      print(len(events))
      """
    let parsed = try run("/usr/bin/env", ["python3", "-c", script, file])
    #expect(parsed.status == 0, "\(parsed.stderr)")
    let said = parsed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    guard said != "no-icalendar" else {
      Issue.record("Python's icalendar is needed to read the calendar back (.ci/run installs it)")
      return
    }
    let due = try caseload("due", "--within", "all", "--json", "--store", store, "--today", today)
    let items = try #require(
      (try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [String: Any])?["items"]
        as? [Any])
    #expect(Int(said) == items.count)
  }
}
