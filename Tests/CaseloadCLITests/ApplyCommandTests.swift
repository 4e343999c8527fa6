import Foundation
import Testing

/// `caseload apply`: the README's worked example, a bad line that saves nothing, and pupils already stored.
@Suite struct ApplyCommandTests {
  let today = "2026-11-29"

  /// The worked example, as the README gives it.
  func example() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "```jsonl\n"))
    let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
    return String(readme[start.upperBound..<end.lowerBound])
  }

  /// How many pupils `caseload list --json` finds (none when there is no store yet).
  func pupils(_ store: String) throws -> Int {
    guard FileManager.default.fileExists(atPath: store) else { return 0 }
    let r = try caseload("list", "--json", "--store", store, "--today", today)
    return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [Any])?.count ?? -1
  }

  func write(_ text: String, _ folder: TemporaryFolder, _ name: String) throws -> String {
    let path = folder.file(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func theWorkedExampleBuildsFourYearsOfHistoryInOneStep() throws {
    let folder = TemporaryFolder()
    let store = folder.file("caseload.sqlite")
    let file = try write(try example(), folder, "amara.jsonl")
    let dry = try caseload("apply", file, "--dry-run", "--store", store, "--today", today)
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stdout.contains("a dry run: nothing has been saved"))
    #expect(!FileManager.default.fileExists(atPath: store), "a dry run makes no store")

    let r = try caseload("apply", file, "--json", "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(report["new"] as? Int == 1 && report["saved"] as? Bool == true)
    let id = try #require((report["pupils"] as? [[String: Any]])?.first?["id"] as? String)

    let history = try caseload("history", "--store", store, "--today", today)
    #expect(
      history.stdout.components(separatedBy: "\n").filter { $0.contains("Apply of") }.count == 1)

    // Round trip: what the export holds is what the lines said.
    let export = try caseload("export", "pupil", id, "--json", "--store", store, "--today", today)
    #expect(export.status == 0, "\(export.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    let pupil = try #require(json["pupil"] as? [String: Any])
    #expect(pupil["dateOfBirth"] as? String == "2015-10-03")
    #expect(
      (pupil["senPeriods"] as? [[String: Any]])?.map { $0["status"] as? String }
        == ["monitoring", "sen-support", "ehc-plan"])
    #expect((pupil["cycles"] as? [Any])?.count == 2)
    let plan = try #require((pupil["ehc"] as? [String: Any])?["plan"] as? [String: Any])
    #expect(plan["issued"] as? String == "2024-07-01")
    #expect((plan["reviews"] as? [Any])?.count == 2)
    #expect((pupil["chronology"] as? [Any])?.count == 3)
    #expect(json["school"] as? String == "Ulthwaite Beck Primary")

    let due = try caseload("due", "--within", "all", "--store", store, "--today", today)
    for line in ["04/12/2026", "15/02/2027", "22/06/2027"] { #expect(due.stdout.contains(line)) }
    #expect(!due.stdout.contains("missed by"), "four years of history leave nothing missed")
    let undo = try caseload("undo", "--store", store, "--today", today)
    #expect(undo.status == 0, "\(undo.stderr)")
    #expect(try pupils(store) == 0)
  }

  @Test func aBadLineInTheMiddleSavesNothingAndSaysWhere() throws {
    let folder = TemporaryFolder()
    let store = folder.file("caseload.sqlite")
    var lines = try example().components(separatedBy: "\n")
    // The draft plan before the LA decided to assess.
    let draft = try #require(lines.firstIndex { $0.contains("recordDraftPlan") })
    lines[draft] = #"{"pupil": "amara", "recordDraftPlan": "2024-03-01"}"#
    let file = try write(lines.joined(separator: "\n"), folder, "bad.jsonl")
    let r = try caseload("apply", file, "--store", store, "--today", today)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "caseload: bad.jsonl, line \(draft + 1): The draft plan's date (01/03/2024) is before the decision to assess (25/03/2024). Nothing was saved.\n"
    )
    #expect(try pupils(store) == 0, "nothing saved, not even the lines before it")
    let badSetting = try write(
      #"{"settings": {"phaseTransfers": [6, 20]}}"# + "\n", folder, "s.jsonl")
    let refusedSetting = try caseload("apply", badSetting, "--store", store, "--today", today)
    #expect(refusedSetting.status == 1)
    #expect(
      refusedSetting.stderr.contains("line 1: Year 20 is not a year group a pupil moves on from"))
    let notJSON = try write("{\"school\": \n", folder, "broken.jsonl")
    let broken = try caseload("apply", notJSON, "--store", store, "--today", today)
    #expect(broken.status == 1 && broken.stderr.contains("line 1: It is not a JSON object"))
  }

  @Test func aFileSavedOnWindowsWithABOMAndCRLFIsRead() throws {
    let folder = TemporaryFolder()
    let store = folder.file("caseload.sqlite")
    let lines = try example().components(separatedBy: "\n").filter { !$0.isEmpty }
    let path = folder.file("windows.jsonl")
    let bytes =
      [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r\n").utf8) + Array("\r\n".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let r = try caseload("apply", path, "--dry-run", "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("new     Amara Testington"))
    #expect(r.stdout.contains("\(lines.count - 2) lines"), "every line but the school's two")
    let badYear = try write(
      #"{"new": {"name": ["Amara", "Testington"], "dateOfBirth": "2015-10-03"}, "as": "a"}"# + "\n"
        + #"{"pupil": "a", "setYearGroupOffset": 1e300}"# + "\n", folder, "huge.jsonl")
    let refused = try caseload("apply", badYear, "--store", store, "--today", today)
    #expect(refused.status == 1 && refused.stderr.contains("line 2: "), "a clear line, not a crash")
  }

  @Test func aStoredPupilIsNamedByIdOrUPNNeverByName() throws {
    let folder = TemporaryFolder()
    let store = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", store, "--today", today).status == 0)
    let byUPN = try write(
      #"{"pupil": "M909460221014", "log": {"kind": "call", "on": "2026-11-27", "who": "Aoife O'Brien (mother)", "parents": true, "summary": "Spelling lists are going well."}}"#
        + "\n", folder, "call.jsonl")
    let r = try caseload("apply", byUPN, "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("0 new, 1 changed"))
    #expect(r.stdout.contains("changed Oisín O'Brien (pdemo0001): 1 line"))
    let byName = try write(
      #"{"pupil": "Oisín O'Brien", "startMonitoring": "2026-11-27"}"# + "\n", folder, "name.jsonl")
    let refused = try caseload("apply", byName, "--store", store, "--today", today)
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains("no pupil is named") || refused.stderr.contains("No pupil is named"))
  }
}
