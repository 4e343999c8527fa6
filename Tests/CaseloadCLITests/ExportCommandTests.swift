import Foundation
import Testing

/// `caseload export …` run as a process on the demo store.
@Suite struct ExportCommandTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    let made = try caseload("demo", "--store", path, "--today", today)
    #expect(made.status == 0, "\(made.stderr)")
    return path
  }

  /// No school templates of the machine running the tests.
  func clean(_ folder: TemporaryFolder) -> [String: String] {
    ["XDG_CONFIG_HOME": folder.file("config")]
  }

  @Test func thePlanForParentsPrintsOrGoesToAPrivateFile() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let md = try run(
      Binary.caseload, ["export", "plan", "oisin", "--store", path, "--today", today],
      environment: clean(folder))
    #expect(md.status == 0, "\(md.stderr)")
    #expect(md.stderr.isEmpty)
    let lines = md.stdout.components(separatedBy: "\n")
    #expect(lines.first == "# SEN support plan for Oisín O'Brien")
    for line in [
      "1. Oisín will spell 40 of the Y3/4 statutory words correctly in dictation.",
      "- **Precision teaching (Y3/4 spellings)** with Mrs Dawson: 5 × 10 min a week for 12 weeks, one to one, from 02/10/2026",
      "We will meet on **Tuesday 8 December 2026** to look at how Oisín is getting on, what has worked and what should happen next. Please tell us if you cannot come.",
    ] {
      #expect(lines.contains(line), "missing \(line.debugDescription)")
    }
    let file = folder.file("plan.html")
    let html = try run(
      Binary.caseload,
      [
        "export", "plan", "oisin", "--format", "html", "--output", file, "--store", path, "--today",
        today,
      ],
      environment: clean(folder))
    #expect(html.status == 0, "\(html.stderr)")
    #expect(html.stdout.isEmpty)
    let shown = URL(fileURLWithPath: file).standardizedFileURL.path
    #expect(html.stderr == "Wrote the SEN support plan for Oisín O'Brien to \(shown)\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: file)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let written = try String(contentsOfFile: file, encoding: .utf8)
    #expect(written.hasPrefix("<!DOCTYPE html>"))
    #expect(written.contains("<h1>SEN support plan for Oisín O&#39;Brien</h1>"))
    #expect(written.contains("@page { size: A4"))
  }

  @Test func theEvidencePackAndTheMeetingRecord() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let evidence = try run(
      Binary.caseload, ["export", "evidence", "oisin", "--store", path, "--today", today],
      environment: clean(folder))
    #expect(evidence.status == 0, "\(evidence.stderr)")
    let lines = evidence.stdout.components(separatedBy: "\n")
    for line in [
      "# Graduated response evidence: Oisín O'Brien",
      "Send to: SEND@westmorlandandfurness.gov.uk (Westmorland and Furness)",
      "### Cycle 1: begun 27/12/2024, reviewed 04/04/2025",
      "### Cycle 4: begun 18/09/2026",
      "- Cost of the provision: £214.50 → £478.50 (stepped up)",
      "| All cycles | | | | £1,388.50 |",
    ] {
      #expect(lines.contains(line), "missing \(line.debugDescription)")
    }
    let meeting = try run(
      Binary.caseload, ["export", "meeting", "oisin", "--store", path, "--today", today],
      environment: clean(folder))
    #expect(meeting.status == 0, "\(meeting.stderr)")
    #expect(
      meeting.stdout.contains(
        "Record of the review of the SEN support plan (cycle 3), held on Friday 26 December 2025"))
    #expect(meeting.stdout.contains("The next review is on **Tuesday 8 December 2026**."))
    let none = try run(
      Binary.caseload, ["export", "meeting", "poppy walker", "--store", path, "--today", today],
      environment: clean(folder))
    #expect(none.status == 1)
    #expect(none.stdout.isEmpty)
    #expect(
      none.stderr
        == "caseload: Poppy Walker has no review meeting recorded yet: a record is made once a cycle's review is recorded.\n"
    )
  }

  @Test func theRegisterAndTheProvisionMap() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let register = try caseload("export", "register", "--store", path, "--today", today)
    #expect(register.status == 0, "\(register.stderr)")
    let rows = register.stdout.components(separatedBy: "\r\n")
    #expect(
      rows[0]
        == "\u{FEFF}UPN,Surname,Forename,Date of birth,Year,SEN provision,Need 1,Need 2,SEN unit indicator,Resourced provision indicator"
    )
    #expect(rows.contains("M909460221014,O'Brien,Oisín,2017-11-03,4,K,SPLD,,false,false"))
    let list = try caseload("list", "--json", "--store", path, "--today", today)
    let atSchool = try #require(
      try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]
    ).count
    #expect(atSchool == 35, "the demo's pupils less the one who has left")
    #expect(
      rows.count == atSchool + 2, "a row a pupil at the school, the header and the last line end")
    let map = try caseload(
      "export", "provision-map", "--format", "csv", "--store", path, "--today", today)
    #expect(map.status == 0, "\(map.stderr)")
    #expect(
      map.stdout.contains(
        "\r\nPrecision teaching (Y3/4 spellings),Oisín O'Brien,2017-11-03,Y4,M909460221014,Mrs Dawson,Teaching assistant,5,10,12,1,16.50,,,165.00\r\n"
      ))
    let md = try run(
      Binary.caseload,
      ["export", "provision-map", "--format", "md", "--store", path, "--today", today],
      environment: clean(folder))
    #expect(md.status == 0, "\(md.stderr)")
    #expect(md.stdout.hasPrefix("# Provision map: Ulthwaite Beck All-Through School\n"))
    #expect(md.stdout.contains("\n## Precision teaching (Y3/4 spellings)\n"))
  }

  @Test func everythingHeldAboutOnePupilAsJSON() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("export", "pupil", "oisin", "--json", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let pupil = try #require(json["pupil"] as? [String: Any])
    #expect(pupil["id"] as? String == "pdemo0001")
    #expect(pupil["upn"] as? String == "M909460221014")
    let history = try #require(json["history"] as? [[String: Any]])
    #expect(history.count == 1)
    let made = try #require((history.first?["changes"] as? [[String: Any]])?.first)
    #expect(made["before"] == nil, "the demo made the record in one step")
    #expect((made["after"] as? [String: Any])?["id"] as? String == "pdemo0001")
    #expect(json["school"] as? String == "Ulthwaite Beck All-Through School")
  }

  @Test func aTemplateInTheConfigFolderIsUsed() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let templates = folder.file("config/caseload/templates")
    try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
    try "Plan for {{pupil.name}}, review {{#plan}}{{reviewDate}}{{/plan}}\n".write(
      toFile: templates + "/plan.md.mustache", atomically: true, encoding: .utf8)
    let r = try run(
      Binary.caseload, ["export", "plan", "oisin", "--store", path, "--today", today],
      environment: clean(folder))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "Plan for Oisín O'Brien, review 08/12/2026\n")
  }

  @Test func aFormatAnExportDoesNotComeInIsAUsageError() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    for args in [
      ["export", "plan", "oisin", "--format", "csv"], ["export", "register", "--format", "md"],
      ["export", "provision-map", "--format", "html"],
      ["export", "plan", "oisin", "--format", "pdf"],
    ] {
      let r = try run(Binary.caseload, args + ["--store", path, "--today", today])
      #expect(r.status == 2, "\(args)")
      #expect(r.stdout.isEmpty)
    }
    let nowhere = try caseload(
      "export", "plan", "oisin", "--output", folder.file("no/such/folder/plan.md"), "--store", path)
    #expect(nowhere.status == 1)
    #expect(nowhere.stderr.hasPrefix("caseload: There is no folder "))
  }
}
