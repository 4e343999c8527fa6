import CaseloadCore
import Foundation
import Testing

@testable import CaseloadCLI

/// `caseload due`: every missed and upcoming deadline across the demo caseload, soonest first.
@Suite struct DueCommandTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    return path
  }

  struct Report: Decodable {
    /// The agenda item's shape, the same in `status --json`.
    struct Item: Decodable {
      struct Pupil: Decodable {
        var id: String
        var name: String
        var dateOfBirth: String
        var year: String
      }
      var pupil: Pupil
      var kind: String
      var title: String
      var detail: String
      var due: String
      var days: Int
      var state: String
      var owner: String?
      var opens: String
      var key: String
    }
    var withinDays: Int?
    var items: [Item]
  }

  @Test func listsMissedAndUpcomingSoonestFirst() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("due", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.components(separatedBy: "\n")
    #expect(lines.first == "Due in the next 28 days, and missed — Sunday 29/11/2026")
    #expect(
      lines.contains {
        $0.contains("30/10/2026") && $0.contains("missed by 30 days")
          && $0.contains("Jayden Brown") && $0.contains("SEN support plan review (cycle 2)")
      })
    #expect(
      lines.contains {
        $0.contains("25/12/2026") && $0.contains("Kai Thompson-Walker")
          && $0.contains("LA decides whether to assess")
      })
    let json = try JSONDecoder().decode(
      Report.self,
      from: Data(try caseload("due", "--json", "--store", path, "--today", today).stdout.utf8))
    #expect(json.withinDays == 28)
    #expect(json.items.map(\.due) == json.items.map(\.due).sorted(), "soonest first")
    #expect(json.items.allSatisfy { $0.days <= 28 })
    #expect(json.items.contains { $0.days < 0 }, "missed ones are listed")
  }

  @Test func theWindowWidensAndBadWindowsAreUsageErrors() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    func count(_ within: String) throws -> Int {
      let r = try caseload("due", "--json", "--within", within, "--store", path, "--today", today)
      return try JSONDecoder().decode(Report.self, from: Data(r.stdout.utf8)).items.count
    }
    let week = try count("1w")
    let month = try count("28d")
    let all = try count("all")
    #expect(week < month && month < all)
    let bad = try caseload("due", "--within", "soon", "--store", path, "--today", today)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--within soon: write a number of days"))
  }
}

/// `due --json` writes its items by hand for speed: they must read back as `AgendaItem`'s own encoding.
@Suite struct AgendaJSONTests {
  @Test func theHandWrittenItemIsTheEncodersItem() throws {
    let today = Day(iso: "2026-11-29")!
    let ref = StatusReport.PupilRef(
      AggregateID("p1"), name: "Zoë \"Zo\" O'Brien\\\n\u{7}", dateOfBirth: Day(iso: "2017-11-03")!,
      year: YearGroup(4))
    for (owner, kind) in [("Mr Pattinson", DeadlineKind.reviewAction), ("", .planReview)] {
      let item = AgendaItem(
        pupil: ref,
        deadline: Deadline(
          kind: kind, due: today.adding(days: -3), detail: "cycle 2; “quoted”\ttab",
          title: "Number games ✓", owner: owner, ref: .action(cycle: 2, index: 0)), today: today)
      var lines = JSONLines()
      lines.item(item)
      let mine = try JSONSerialization.jsonObject(with: Data(lines.bytes)) as? NSDictionary
      let encoder = JSONEncoder()
      let theirs = try JSONSerialization.jsonObject(with: try encoder.encode(item)) as? NSDictionary
      #expect(mine != nil && mine == theirs, "\(String(decoding: lines.bytes, as: UTF8.self))")
    }
  }
}
