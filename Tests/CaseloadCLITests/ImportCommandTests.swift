import Foundation
import Testing

/// `caseload import mis FILE`: the dry run, the import as one undo step, JSON, and the files it refuses.
@Suite struct ImportCommandTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    return path
  }

  /// One pupil of the demo changed (Mohammed Al-Hassan, by UPN), one new, one rejected. Invented names.
  static let csv = """
    UPN,Legal Surname,Legal Forename,DOB,Year,Reg Group,SEN Provision,Primary Need,Secondary Need,Gender
    Y909460219058,Al-Hassan,Mohammed,09/04/2016,6,6B,K,MLD,SLCN,M
    ,Testington,Amara,03/10/2016,5,5A,A,SPLD,,F
    ,Plumtree,Kit,31/02/2016,5,5A,,,,M

    """

  func write(_ text: String, _ folder: TemporaryFolder, _ name: String = "pupils.csv") throws
    -> String
  {
    let path = folder.file(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  struct Report: Decodable {
    struct Row: Decodable {
      var line: Int
      var outcome: String
      var name: String
      var changes: [String]
      var reason: String?
      var warnings: [String]
    }
    var file: String
    var dryRun: Bool
    var saved: String?
    var counts: [String: Int]
    var rows: [Row]
    var ignoredColumns: [String]
  }

  @Test func theDryRunPrintsThePlanAndSavesNothing() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = try write(Self.csv, folder)
    let history = try caseload("history", "--store", store, "--limit", "100").stdout
    let r = try caseload("import", "mis", file, "--dry-run", "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.components(separatedBy: "\n")
    #expect(lines.first == "Import of pupils.csv — a dry run: nothing has been saved")
    #expect(lines.contains("Columns not read: Gender"))
    #expect(lines.contains("1 new · 1 changed · 0 unchanged · 1 rejected · 34 not in the file"))
    #expect(
      lines.contains(
        "  line 3    Amara Testington · born 03/10/2016 · Y5 · reg 5A · K: SPLD"))
    #expect(lines.contains("  line 2    Mohammed Al-Hassan, born 09/04/2016"))
    #expect(lines.contains("            Registration group 6T → 6B"))
    #expect(lines.contains("  line 4    Kit Plumtree"))
    #expect(
      lines.contains(
        "            The date of birth “31/02/2016” (column “DOB”) is not a date; dates are read as dd/mm/yyyy or yyyy-mm-dd."
      ))
    #expect(
      lines.contains(
        "            The retired SEN code A (School Action) was read as K (SEN support)."))
    #expect(lines.contains("  Isla Bell, born 02/05/2011, Y11, UPN L909460214283"))
    #expect(lines.contains("Run the same command without --dry-run to import."))
    #expect(
      try caseload("history", "--store", store, "--limit", "100").stdout == history,
      "a dry run saves nothing")
  }

  @Test func theImportIsOneStepThatUndoTakesBack() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = try write(Self.csv, folder)
    let r = try caseload("import", "mis", file, "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasPrefix(
        "Import of pupils.csv: 1 new, 1 changed — saved as one step; `caseload undo` takes it back\n"
      ))
    #expect(r.stdout.contains("            Registration group 6T → 6B"))
    // The import is one line of history naming how many pupils it changed, and --limit counts steps.
    let history = try caseload("history", "--store", store, "--limit", "1", "--today", today)
    let lines = history.stdout.split(separator: "\n")
    #expect(lines.count == 1, "\(history.stdout)")
    #expect(lines.first?.hasSuffix("Import of pupils.csv: 1 new, 1 changed (2 pupils)") == true)
    let json = try caseload("history", "--json", "--store", store, "--limit", "1", "--today", today)
    let steps = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(steps.count == 1)
    let pupils = try #require(steps.first?["pupils"] as? [[String: Any]])
    #expect(Set(pupils.compactMap { $0["name"] as? String }).contains("Amara Testington"))
    #expect(
      pupils.allSatisfy {
        $0["id"] is String && $0["dateOfBirth"] is String && $0["year"] is String
      })
    let shown = try caseload("show", "Amara Testington", "--store", store, "--today", today)
    #expect(shown.status == 0, "\(shown.stderr)")
    #expect(shown.stdout.contains("class 5A"))
    let again = try caseload("import", "mis", file, "--store", store, "--today", today)
    #expect(
      again.stdout.hasPrefix(
        "Import of pupils.csv: nothing to import, every pupil in the file is up to date"))
    let undo = try caseload("undo", "--store", store)
    #expect(undo.status == 0, "\(undo.stderr)")
    #expect(undo.stdout.contains("Undone: Import of pupils.csv: 1 new, 1 changed"))
    #expect(try caseload("show", "Amara Testington", "--store", store).status == 1)
  }

  @Test func jsonGivesEveryRowForScripts() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = try write(Self.csv, folder)
    let r = try caseload(
      "import", "mis", file, "--dry-run", "--json", "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    let report = try JSONDecoder().decode(Report.self, from: Data(r.stdout.utf8))
    #expect(report.file == "pupils.csv")
    #expect(report.dryRun)
    #expect(report.saved == nil)
    #expect(
      report.counts == [
        "new": 1, "changed": 1, "unchanged": 0, "rejected": 1, "missingFromFile": 34,
      ])
    #expect(report.rows.map(\.line) == [2, 3, 4])
    #expect(report.rows.map(\.outcome) == ["changed", "new", "rejected"])
    #expect(report.rows[0].changes == ["Registration group 6T → 6B"])
    #expect(report.rows[2].reason?.hasPrefix("The date of birth “31/02/2016”") == true)
    #expect(report.ignoredColumns == ["Gender"])

    let saved = try caseload("import", "mis", file, "--json", "--store", store, "--today", today)
    let savedReport = try JSONDecoder().decode(Report.self, from: Data(saved.stdout.utf8))
    #expect(!savedReport.dryRun)
    #expect(savedReport.saved == "Import of pupils.csv: 1 new, 1 changed")
  }

  @Test func aFileWithoutASurnameColumnIsRefusedWithTheReason() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = try write("UPN,Forename,DOB\n,Amara,03/10/2016\n", folder)
    let r = try caseload("import", "mis", file, "--dry-run", "--store", store, "--today", today)
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "caseload: pupils.csv: The file has no column for the surname (looked for surname: “Legal Surname”, “Legal Last Name”, “Surname”). Name the columns with --mapping FILE. The header on line 1 reads: UPN, Forename, DOB.\n"
    )
  }

  @Test func aMappingFileNamesTheColumns() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let file = try write("Family,Given,Born\nTestington,Amara,03/10/2016\n", folder)
    let mapping = try write(
      "# our layout\nsurname = Family\nforename = Given\ndate-of-birth = Born\nsen-provision = none\n",
      folder,
      "mapping.txt")
    let r = try caseload(
      "import", "mis", file, "--mapping", mapping, "--dry-run", "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("  line 2    Amara Testington · born 03/10/2016 · Y5 · N"))
    let bad = try write("surname = Surname\n", folder, "bad.txt")
    let refused = try caseload(
      "import", "mis", file, "--mapping", bad, "--dry-run", "--store", store, "--today", today)
    #expect(refused.status == 1)
    #expect(
      refused.stderr
        == "caseload: The mapping names the column “Surname” for the surname, but the file has no such column (its columns: Family, Given, Born).\n"
    )
  }

  @Test func aMissingFileIsAProblemNotACrash() throws {
    let folder = TemporaryFolder()
    let store = try demoStore(folder)
    let missing = folder.file("nowhere.csv")
    let r = try caseload("import", "mis", missing, "--store", store, "--today", today)
    #expect(r.status == 1)
    #expect(r.stderr == "caseload: There is no file \(missing) (the MIS export).\n")
    let usage = try caseload("import", "mis", "--store", store)
    #expect(usage.status == 2, "no file named is a usage error")
  }

  @Test func aDryRunBeforeThereIsAStoreCreatesNone() throws {
    let folder = TemporaryFolder()
    let store = folder.file("new.sqlite")
    let file = try write(Self.csv, folder)
    let r = try caseload("import", "mis", file, "--dry-run", "--store", store, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("There is no store yet at \(store); every pupil would be new."))
    #expect(r.stdout.contains("2 new · 0 changed · 0 unchanged · 1 rejected · 0 not in the file"))
    #expect(!FileManager.default.fileExists(atPath: store))
  }
}
