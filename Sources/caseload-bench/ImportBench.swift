import ArgumentParser
import CaseloadCore
import Foundation

/// Times `caseload import mis` on a generated MIS export: the dry run and the import into an empty store, and
/// the dry run and import again over the imported pupils with a tenth of them changed.
struct ImportMeasure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Time the MIS import of a generated CSV (whole processes).")
  @Option(help: "Rows in the generated CSV.") var rows = 2_000
  @Option(help: "Folder for the CSV and the stores.") var folder = "/tmp/caseload-bench-import"
  @Option var runs = 5
  @Option var today = "2026-11-29"

  func run() throws {
    let day = Day(iso: today)!
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
      .appendingPathComponent("caseload").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let csv = "\(folder)/mis-\(rows).csv"
    let changed = "\(folder)/mis-\(rows)-changed.csv"
    try Self.csv(rows: rows, today: day, changeEvery: 0).write(
      toFile: csv, atomically: true, encoding: .utf8)
    try Self.csv(rows: rows, today: day, changeEvery: 10).write(
      toFile: changed, atomically: true, encoding: .utf8)
    func fresh(_ n: Int) -> String {
      let path = "\(folder)/store-\(n).sqlite"
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
      }
      return path
    }
    var dryEmpty: [Double] = []
    var importEmpty: [Double] = []
    var dryFull: [Double] = []
    var importChanged: [Double] = []
    for n in 0..<runs {
      let store = fresh(n)
      dryEmpty.append(
        try Measure.time(
          exe, ["import", "mis", csv, "--dry-run", "--store", store, "--today", today]))
      importEmpty.append(
        try Measure.time(exe, ["import", "mis", csv, "--store", store, "--today", today]))
      dryFull.append(
        try Measure.time(
          exe, ["import", "mis", changed, "--dry-run", "--store", store, "--today", today]))
      importChanged.append(
        try Measure.time(exe, ["import", "mis", changed, "--store", store, "--today", today]))
      _ = fresh(n)
    }
    print("| \(rows)-row MIS CSV (whole process, ms) | p50 / p95 |")
    print("|---|---:|")
    print("| dry run, no store yet | \(Measure.fmt(dryEmpty)) |")
    print("| import into an empty store (all new) | \(Measure.fmt(importEmpty)) |")
    print("| dry run over the imported pupils, a tenth changed | \(Measure.fmt(dryFull)) |")
    print("| import of that (a tenth changed) | \(Measure.fmt(importChanged)) |")
  }

  /// A SIMS-style export of invented pupils from Reception to Year 11, a fifth of them on SEN support or with an
  /// EHC plan. With `changeEvery`, every n-th pupil has moved registration group.
  static func csv(rows: Int, today: Day, changeEvery: Int) -> String {
    let given = [
      "Amara", "Kit", "Rosa", "Tom", "Lily", "Ada", "Sam", "Ivy", "Max", "Eli", "Zoë", "Oisín",
    ]
    let family = [
      "Testington", "Plumtree", "Quillfeather", "Brackenby", "Ashdown", "Fenwick", "Gorsefield",
      "Hollins", "Inchley", "Jessop", "Ndlovu-Testa", "O'Testy",
    ]
    let needs = ["SPLD", "SLCN", "ASD", "SEMH", "MLD"]
    var out =
      "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year,Reg Group,SEN Provision,Primary Need,Secondary Need,Admission Date,Gender\r\n"
    let schoolYear = SchoolYear(containing: today).startYear
    for i in 0..<rows {
      let rest = "8202" + String(format: "%08d", i)
      let upn = "\(UPN.checkLetter(forLastTwelve: rest)!)\(rest)"
      let year = i % 12  // R to Y11
      let born = Day(year: schoolYear - 5 - year, month: 9, day: 1)!.adding(days: (i * 7) % 360)
      let moved = changeEvery > 0 && i % changeEvery == 0
      let group = "\(year == 0 ? "R" : String(year))\(["A", "B", "C"][(i + (moved ? 1 : 0)) % 3])"
      let code = i % 10 == 0 ? "E" : i % 5 == 0 ? "K" : ""
      let primary = code.isEmpty ? "" : needs[i % needs.count]
      let secondary = code.isEmpty || i % 3 != 0 ? "" : needs[(i + 1) % needs.count]
      let admitted = Day(year: schoolYear - year, month: 9, day: 3)!
      out +=
        "\(upn),\"\(family[i % family.count]) \(i / family.count)\",\(given[(i / 3) % given.count]),,\(born.british),\(year == 0 ? "R" : String(year)),\(group),\(code),\(primary),\(secondary),\(admitted.british),\(i % 2 == 0 ? "F" : "M")\r\n"
    }
    return out
  }
}
