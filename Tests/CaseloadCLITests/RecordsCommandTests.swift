import Foundation
import Testing

/// Retention, erasure of a record entered in error, and the access log, as a SENCo runs them.
@Suite struct RecordsCommandTests {
  let today = "2026-11-29"

  func leavers(_ path: String) throws -> [String] {
    let r = try caseload("list", "--leavers", "--json", "--store", path, "--today", today)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    return rows.filter { $0["left"] is String }.compactMap { $0["name"] as? String }
  }

  @Test func retentionListsThenErasesOnlyWhenToldTo() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let gone = try leavers(path)
    #expect(!gone.isEmpty, "the demo has leavers")
    let later = "2060-01-01"
    let dry = try caseload("retention", "--dry-run", "--store", path, "--today", later)
    #expect(dry.status == 0, "\(dry.stderr)")
    for name in gone { #expect(dry.stdout.contains(name)) }
    #expect(dry.stdout.contains("nothing was erased"))
    #expect(try leavers(path) == gone)
    let unasked = try caseload("retention", "--store", path, "--today", later)
    #expect(unasked.status == 1)
    #expect(unasked.stderr.contains("--yes"))
    #expect(try leavers(path) == gone)
    let done = try caseload("retention", "--yes", "--store", path, "--today", later)
    #expect(done.status == 0, "\(done.stderr)")
    #expect(done.stdout.contains("Erased \(gone.count) record"))
    #expect(try leavers(path).isEmpty)
    let log = try caseload("retention", "--log", "--store", path, "--today", later)
    #expect(log.stdout.contains("31 years from date of birth"))
    let file = try #require(FileManager.default.contents(atPath: path))
    for name in gone {
      let family = try #require(name.split(separator: " ").last.map(String.init))
      #expect(file.range(of: Data(family.utf8)) == nil, "\(family) is still in the store file")
      #expect(!log.stdout.contains(family))
    }
    let nothing = try caseload("retention", "--dry-run", "--store", path, "--today", later)
    #expect(nothing.stdout.hasPrefix("No leaver's records are past the retention period"))
    // The rest of the store carries on.
    #expect(try caseload("status", "--store", path, "--today", today).status == 0)
  }

  @Test func theAccessLogSaysWhoLookedAndTheSubjectAccessExportIncludesIt() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let none = try caseload("access", "oisin", "--store", path, "--today", today)
    #expect(none.stdout.hasPrefix("No one has looked at"))
    #expect(try caseload("show", "oisin", "--store", path, "--today", today).status == 0)
    #expect(try caseload("plan", "oisin", "--store", path, "--today", today).status == 0)
    #expect(try caseload("show", "oisin", "--store", path, "--today", today).status == 0)
    let access = try caseload("access", "oisin", "--store", path, "--today", today)
    let lines = access.stdout.split(separator: "\n")
    #expect(lines.count == 1, "one line per person and hour: \(access.stdout)")
    #expect(lines.first?.hasSuffix("show, plan") == true)
    let json = try caseload("export", "pupil", "oisin", "--json", "--store", path, "--today", today)
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let seen = try #require((record["accessLog"] as? [[String: Any]])?.first?["what"] as? [String])
    #expect(seen == ["show", "plan", "export pupil"])
  }

  @Test func aRecordEnteredInErrorIsErasedAfterConfirmation() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let unasked = try caseload("erase", "oisin", "--store", path, "--today", today)
    #expect(unasked.status == 1)
    #expect(unasked.stderr.contains("Oisín O'Brien (born 03/11/2017"))
    #expect(try caseload("show", "oisin", "--store", path, "--today", today).status == 0)
    let erased = try caseload("erase", "oisin", "--yes", "--store", path, "--today", today)
    #expect(erased.status == 0, "\(erased.stderr)")
    #expect(try caseload("show", "oisin", "--store", path, "--today", today).status == 1)
    let log = try caseload("retention", "--log", "--store", path, "--today", today)
    #expect(log.stdout.contains("entered in error"))
    #expect(!log.stdout.contains("O'Brien"))
    _ = try caseload("undo", "--store", path)
    #expect(
      try caseload("show", "oisin", "--store", path, "--today", today).status == 1,
      "an erasure is not a step that undo brings back")
  }
}
