import Foundation
import Testing

/// `caseload export all` and `caseload import all`: a full backup and its restore, run as processes.
@Suite struct ExportAllCommandTests {
  let today = "2026-11-29"

  /// The demo, three edits by the person running the tests, an undo and a redo.
  func storeWithHistory(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    let hammer = try run(
      Binary.bench, ["hammer", "--store", path, "--pupil", "pdemo0001", "--count", "3"])
    #expect(hammer.status == 0, "\(hammer.stderr)")
    #expect(try caseload("undo", "--store", path, "--today", today).status == 0)
    #expect(try caseload("redo", "--store", path, "--today", today).status == 0)
    #expect(try caseload("undo", "--store", path, "--today", today).status == 0)
    return path
  }

  /// The backup without the time it was made.
  func withoutTime(_ backup: String) -> String {
    backup.replacingOccurrences(
      of: #""exported":"[^"]*""#, with: "\"exported\":\"\"", options: .regularExpression)
  }

  @Test func aBackupRestoresIntoANewStoreAndUndoCarriesOn() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = folder.file("backup.json")
    let exported = try caseload("export", "all", "--json", "--output", backup, "--store", original)
    #expect(exported.status == 0, "\(exported.stderr)")
    #expect(exported.stdout.isEmpty)
    #expect(
      exported.stderr
        == "Wrote a full backup (36 pupils, history included) to \(URL(fileURLWithPath: backup).standardizedFileURL.path)\n"
    )
    let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    let restored = folder.file("restored/caseload.sqlite")
    try FileManager.default.createDirectory(
      atPath: folder.file("restored"), withIntermediateDirectories: true)
    let imported = try caseload("import", "all", backup, "--store", restored)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      imported.stdout == "Restored 36 pupils and 43 changes in 7 steps into \(restored).\n")

    for command in [
      ["history", "--json", "--limit", "1000"], ["status", "--json"], ["show", "oisin"],
      ["plan", "oisin"], ["list", "--json"],
    ] {
      let a = try run(Binary.caseload, command + ["--store", original, "--today", today])
      let b = try run(Binary.caseload, command + ["--store", restored, "--today", today])
      #expect(a.status == 0 && b.status == 0)
      #expect(a.stdout == b.stdout, "\(command) differs after the restore")
    }
    let again = try caseload("export", "all", "--store", restored)
    #expect(again.status == 0)
    #expect(
      withoutTime(again.stdout) == withoutTime(try String(contentsOfFile: backup, encoding: .utf8)))

    // Undo and redo go on the same on both: the last edit, then the one before.
    for command in ["undo", "undo", "redo"] {
      let a = try caseload(command, "--store", original, "--today", today)
      let b = try caseload(command, "--store", restored, "--today", today)
      #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
      #expect(a.stdout == b.stdout)
    }
    let afterA = try caseload("show", "oisin", "--store", original, "--today", today)
    let afterB = try caseload("show", "oisin", "--store", restored, "--today", today)
    #expect(afterA.stdout == afterB.stdout)
  }

  @Test func importAllRefusesAStoreThatIsNotEmpty() throws {
    let folder = TemporaryFolder()
    let original = try storeWithHistory(folder)
    let backup = folder.file("backup.json")
    #expect(try caseload("export", "all", "-o", backup, "--store", original).status == 0)
    let target = folder.file("other.sqlite")
    #expect(try caseload("demo", "--store", target, "--today", today).status == 0)
    let before = try caseload("history", "--json", "--store", target)
    let r = try caseload("import", "all", backup, "--store", target)
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "caseload: The store \(target) is not empty (36 pupils, 37 changes in its history); `import all` restores a backup only into a new, empty store. Name a new file with --store.\n"
    )
    #expect(try caseload("history", "--json", "--store", target).stdout == before.stdout)
  }

  @Test func aFileThatIsNotABackupIsRefused() throws {
    let folder = TemporaryFolder()
    let notBackup = folder.file("list.json")
    try "{\"pupils\": []}".write(toFile: notBackup, atomically: true, encoding: .utf8)
    let r = try caseload("import", "all", notBackup, "--store", folder.file("new.sqlite"))
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "caseload: \(notBackup) is not a Caseload backup (made by `caseload export all`); nothing was restored.\n"
    )
    let missing = try caseload(
      "import", "all", folder.file("missing.json"), "--store", folder.file("new.sqlite"))
    #expect(missing.status == 1)
    #expect(missing.stderr.hasPrefix("caseload: Cannot read \(folder.file("missing.json"))"))
    #expect(try caseload("import", "all", "--store", folder.file("new.sqlite")).status == 2)
  }
}
