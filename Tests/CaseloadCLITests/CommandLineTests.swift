import CaseloadCore
import CaseloadStore
import Foundation
import Testing

/// The command line as a person or a script uses it: real processes, real stores, exit codes and output.
@Suite struct CommandLineTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    let made = try caseload("demo", "--store", path, "--today", today)
    #expect(made.status == 0, "\(made.stderr)")
    return path
  }

  @Test func statusPrintsEverySection() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("status", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    for heading in [
      "Caseload status", "Pupils:", "Stages:",
      "Overdue: reviews, follow-ups, actions and provision endings", "Due in the next 14 days",
      "EHC deadlines overdue", "EHC deadlines in the next 28 days", "Escalation candidates",
      "Behind on meetings with parents (SEN support, 3 a year)",
    ] {
      #expect(r.stdout.contains(heading), "missing \(heading)")
    }
    #expect(
      !r.stdout.contains("\u{1B}["), "no colour when NO_COLOR is set or stdout is not a terminal")
  }

  @Test func statusJSONHasTheDocumentedShape() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("status", "--json", "--store", path, "--today", today)
    #expect(r.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "today", "schoolYear", "term", "pupils", "census", "monitoring", "stages", "overdue",
        "dueSoon", "ehcOverdue", "ehcDueSoon", "escalationCandidates", "behindOnParentMeetings",
        "parentMeetingsExpected",
      ])
    #expect(object["today"] as? String == today)
    let census = try #require(object["census"] as? [String: Int])
    #expect(Set(census.keys) == ["N", "K", "E"])
    #expect(census.values.reduce(0, +) == object["pupils"] as? Int)
    let overdue = try #require(object["overdue"] as? [[String: Any]])
    let first = try #require(overdue.first)
    #expect(
      Set(first.keys) == [
        "pupil", "kind", "title", "detail", "due", "days", "state", "opens", "key",
      ])
    #expect((first["days"] as? Int ?? 0) < 0)
    let pupil = try #require(first["pupil"] as? [String: Any])
    #expect(Set(pupil.keys) == ["id", "name", "dateOfBirth", "year"])
  }

  @Test func aDemoSessionLeavesNoStoreBehind() throws {
    let folder = TemporaryFolder()
    let r = try caseload("--demo", "status", "--today", today, environment: ["TMPDIR": folder.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Caseload status"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func theScreensWithoutATerminalPointToTheCommands() throws {
    let folder = TemporaryFolder()
    let r = try caseload("--demo", "--today", today, environment: ["TMPDIR": folder.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("need a terminal"))
    #expect(r.stderr.contains("caseload status"))
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func listFiltersAndSearchesWithoutAccents() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let all = try caseload("list", "--json", "--store", path, "--today", today)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count >= 29)
    let k = try caseload("list", "--json", "--code", "K", "--store", path, "--today", today)
    let kRows = try #require(
      try JSONSerialization.jsonObject(with: Data(k.stdout.utf8)) as? [[String: Any]])
    #expect(!kRows.isEmpty && kRows.allSatisfy { $0["code"] as? String == "K" })
    let found = try caseload("list", "--search", "oisin", "--store", path, "--today", today)
    #expect(found.stdout.contains("Oisín"))
    let bad = try caseload("list", "--code", "Q", "--store", path)
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("use N, K, E or monitoring"))
  }

  @Test func showFindsAPupilByNameIgnoringAccents() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("show", "oisin", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Oisín"))
    #expect(r.stdout.contains("Last changes"))
  }

  @Test func anAmbiguousNameListsTheMatchesWithBirthDatesAndExitsOne() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let list = try caseload("list", "--json", "--leavers", "--store", path, "--today", today)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    let names = rows.compactMap { $0["name"] as? String }
    let shared = try #require(
      Dictionary(grouping: names, by: { $0 }).first { $0.value.count > 1 }?.key)
    let r = try caseload("show", shared, "--store", path, "--today", today)
    #expect(r.status == 1)
    #expect(r.stderr.contains("matches 2 pupils"))
    #expect(r.stderr.contains("born "))
  }

  @Test func undoAndRedoWorkAcrossProcesses() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    try run(
      Binary.bench,
      ["hammer", "--store", path, "--pupil", "pundo", "--count", "3", "--label", "note"])
    let undo = try caseload("undo", "--store", path)
    #expect(undo.status == 0, "\(undo.stderr)")
    #expect(undo.stdout == "Undone: Test Pupil: note logged 29/11/2026: note 3\n")
    let history = try caseload("history", "--store", path, "--limit", "2")
    #expect(history.stdout.contains("Undo: Test Pupil: note logged 29/11/2026: note 3"))
    let redo = try caseload("redo", "--store", path)
    #expect(redo.stdout == "Redone: Test Pupil: note logged 29/11/2026: note 3\n")
    let store = try Store.open(at: path, create: false)
    #expect(try store.pupil(AggregateID("pundo"))?.value.chronology.count == 3)
  }

  @Test func badUsageExitsTwo() throws {
    #expect(try caseload("status", "--no-such-option").status == 2)
    let date = try caseload("status", "--today", "2026-02-30")
    #expect(date.status == 2)
    #expect(date.stderr.contains("is not a date"))
    #expect(try caseload("history", "--limit", "0").status == 2)
  }

  @Test func aMissingStoreIsAUserErrorAndIsNotCreated() throws {
    let folder = TemporaryFolder()
    let r = try caseload("status", "--store", folder.file("nothing.sqlite"))
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("caseload: There is no Caseload store at"))
    #expect(!FileManager.default.fileExists(atPath: folder.file("nothing.sqlite")))
  }

  @Test func theDefaultStoreFollowsXDGDataHome() throws {
    let folder = TemporaryFolder()
    let r = try caseload(
      "demo", "--today", today,
      environment: [
        "XDG_DATA_HOME": folder.path,
        "CASELOAD_STORE": folder.file("data/caseload/caseload.sqlite"),
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let status = try caseload(
      "status", "--today", today, environment: ["XDG_DATA_HOME": folder.path + "/data"])
    #expect(status.status == 0, "\(status.stderr)")
  }

  @Test func aFileThatIsNotAStoreIsRefusedUntouched() throws {
    let folder = TemporaryFolder()
    let path = folder.file("pupils.csv")
    let contents = Data("UPN,Legal Surname\nA123,Smith\n".utf8)
    _ = FileManager.default.createFile(atPath: path, contents: contents)
    let r = try caseload("undo", "--store", path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("is not a Caseload store"))
    #expect(FileManager.default.contents(atPath: path) == contents)
  }

  @Test func aStoreAnotherUserCannotReadGetsAClearMessage() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    chmod(folder.path, 0o755)
    let before = FileManager.default.contents(atPath: path)
    let r: Finished
    if geteuid() == 0 {
      // root reads everything, so run as an unprivileged user, as a colleague's account would be.
      guard FileManager.default.fileExists(atPath: "/usr/bin/setpriv") else {
        Issue.record("setpriv (util-linux) is needed to test another user's view of the store")
        return
      }
      r = try run(
        "/usr/bin/setpriv",
        [
          "--reuid=65534", "--regid=65534", "--clear-groups", Binary.caseload, "status", "--store",
          path,
        ])
    } else {
      chmod(path, 0o000)
      r = try caseload("status", "--store", path)
      chmod(path, 0o600)
    }
    #expect(r.status == 1)
    #expect(r.stderr.contains("cannot read"))
    #expect(FileManager.default.contents(atPath: path) == before)
  }

  @Test func aStoreLockedPastTheTimeoutExitsOneWithAMessage() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    try run(Binary.bench, ["hammer", "--store", path, "--pupil", "plock", "--count", "2"])
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = [
      "python3", "-c",
      "import sqlite3,sys,time\nc=sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True); time.sleep(20)",
      path,
    ]
    let out = Pipe()
    holder.standardOutput = out
    try holder.run()
    defer { holder.terminate() }
    _ = out.fileHandleForReading.availableData
    let before = FileManager.default.contents(atPath: path)
    let r = try caseload("undo", "--store", path, environment: ["CASELOAD_BUSY_TIMEOUT": "0.5"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("locked by another program"))
    #expect(FileManager.default.contents(atPath: path) == before)
  }

  @Test(arguments: ["0001-01-01", "9999-01-01", "1899-12-31"])
  func aDateTooFarAwayIsBadUsage(day: String) throws {
    let folder = TemporaryFolder()
    let r = try caseload("--demo", "--today", day, environment: ["TMPDIR": folder.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("between 1900 and 2200"))
  }

  @Test(arguments: ["nan", "inf", "1e12", "-5", "0", "soon"])
  func aStrangeBusyTimeoutFallsBackToTheDefault(value: String) throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload(
      "status", "--store", path, "--today", today, environment: ["CASELOAD_BUSY_TIMEOUT": value])
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test func aDemoThatCannotLoadLeavesNothingBehindAndExitsOne() throws {
    let folder = TemporaryFolder()
    let resources = folder.file("resources")
    try FileManager.default.createDirectory(
      atPath: resources + "/demo", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
      atPath: resources + "/demo/caseload.json", contents: Data("{\"format\": 7".utf8))
    let tmp = folder.file("tmp")
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    let r = try caseload(
      "--demo", "--today", today, environment: ["TMPDIR": tmp, "CASELOAD_RESOURCES": resources])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("caseload: "))
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
  }

  @Test func theDemoNeedsAnExplicitNewStore() throws {
    let folder = TemporaryFolder()
    let home = ["HOME": folder.path, "XDG_DATA_HOME": folder.path + "/data"]
    #expect(try caseload("demo", environment: home).status == 2)
    #expect(
      try caseload("demo", environment: home.merging(["CASELOAD_STORE": ""]) { $1 }).status == 2)
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/data"))
    let path = try demoStore(folder)
    let again = try caseload("demo", "--store", path, "--today", today)
    #expect(again.status == 1)
    #expect(again.stderr.contains("already holds"))
  }

  @Test func twoDemosStartedAtOnceFillOneStoreOnce() throws {
    let folder = TemporaryFolder()
    let path = folder.file("race.sqlite")
    let runs = (0..<2).map { _ -> Process in
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Binary.caseload)
      p.arguments = ["demo", "--store", path, "--today", today]
      p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
      p.standardError = Pipe()
      return p
    }
    for p in runs { try p.run() }
    for p in runs { p.waitUntilExit() }
    let codes = runs.map(\.terminationStatus).sorted()
    let messages = runs.map {
      String(
        decoding: ($0.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(),
        as: UTF8.self)
    }
    #expect(codes == [0, 1], "\(messages)")
    #expect(messages.joined().contains("already holds"))
    let store = try Store.open(at: path, create: false)
    #expect(try store.pupilCount() == 36)
  }

  @Test func anIdPrefixShortForSeveralPupilsListsThem() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("show", "pdemo00", "--store", path, "--today", today)
    #expect(r.status == 1)
    #expect(r.stderr.contains("matches"))
    let apostrophe = try caseload("show", "'", "--store", path, "--today", today)
    #expect(apostrophe.status == 1)
    #expect(apostrophe.stderr.contains("No pupil matches"))
  }

  @Test func undoSkipKeepsTheLastStepAndExplainsWhenTheOneBeforeIsBlockedToo() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    try run(
      Binary.bench,
      ["hammer", "--store", path, "--pupil", "pskip", "--count", "2", "--label", "note"])
    let r = try caseload("undo", "--skip", "--store", path)
    // The kept note sits on top of the one before it, so that one cannot be undone without losing it.
    #expect(r.stdout == "Kept: Test Pupil: note logged 29/11/2026: note 2\n")
    #expect(r.status == 1)
    #expect(r.stderr.contains("Cannot undo “Test Pupil: note logged 29/11/2026: note 1”"))
    #expect(r.stderr.contains("caseload undo --skip"))
  }
}
