import CaseloadCore
import CaseloadStore
import Foundation
import Testing

/// A process killed part-way through converting an old store, or through an undo or redo, loses nothing: the
/// store is either as it was or wholly changed, and undo carries on.
@Suite struct KillPointTests {
  let today = Day(iso: "2026-11-29")!

  /// A store in the format before v2 with a long history, so the conversion takes a while.
  func oldStore(_ folder: TemporaryFolder) throws -> (path: String, pupil: AggregateID) {
    let store = try Store.open(at: folder.file("new.sqlite"))
    let id = AggregateID("pkillmig")
    try store.batch { batch in
      try batch.step {
        try $0.add(
          Pupil(
            id: id, legalName: PersonName(given: "Test", family: "Migrant"),
            dateOfBirth: Day(iso: "2016-05-01")!), today: today)
      }
      for i in 0..<400 {
        try batch.step {
          try $0.edit(
            id, .log(LogEntry(kind: .note, date: today, who: "T", summary: "Note \(i)")),
            today: today)
        }
      }
    }
    let path = folder.file("old.sqlite")
    try store.writeVersionOneCopy(to: path)
    return (path, id)
  }

  @Test func aConversionKilledPartWayLeavesAStoreThatOpensAndUndoes() throws {
    let folder = TemporaryFolder()
    let (old, id) = try oldStore(folder)
    let work = folder.file("work.sqlite")
    for delay in [2, 20, 60, 150] {
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: work + suffix)
      }
      try FileManager.default.copyItem(atPath: old, toPath: work)
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Binary.caseload)
      p.arguments = ["status", "--store", work, "--today", "2026-11-29"]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      usleep(useconds_t(delay * 1_000))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      let check = try caseload("check", "--store", work)
      #expect(check.status == 0, "killed after \(delay) ms: \(check.stderr)")
      let undo = try caseload("undo", "--store", work)
      #expect(undo.status == 0, "killed after \(delay) ms: \(undo.stderr)")
      let store = try Store.open(at: work, create: false)
      #expect(try store.pupil(id)?.value.chronology.count == 399)
    }
  }

  /// Starts `caseload` with `arguments`, kills it after `milliseconds`, and waits for it to be gone.
  func killed(after milliseconds: Int, _ arguments: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Binary.caseload)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    usleep(useconds_t(milliseconds * 1_000))
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
  }

  func pupilCount(_ store: String) throws -> Int {
    let r = try caseload("list", "--json", "--leavers", "--store", store, "--today", "2026-11-29")
    let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [Any]
    return try #require(rows).count
  }

  @Test func aCreationKilledPartWayLeavesNoStoreOrAWholeOne() throws {
    let folder = TemporaryFolder()
    let path = folder.file("made.sqlite")
    for delay in [1, 5, 15, 40, 100, 250] {
      for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
      try killed(after: delay, ["demo", "--store", path, "--today", "2026-11-29"])
      if FileManager.default.fileExists(atPath: path) {
        let check = try caseload("check", "--store", path)
        #expect(check.status == 0, "killed after \(delay) ms: \(check.stderr)")
        #expect([0, 36].contains(try pupilCount(path)), "killed after \(delay) ms: all or nothing")
      }
    }
    // A creation stopped before it linked its file into place leaves a working file; the next creation
    // beside it clears those that are old enough to be abandoned.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("made.sqlite.new-") }
    for name in leftovers {
      var old = [
        timeval(tv_sec: time(nil) - 120, tv_usec: 0), timeval(tv_sec: time(nil) - 120, tv_usec: 0),
      ]
      utimes(folder.file(name), &old)
    }
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    #expect(try caseload("demo", "--store", path, "--today", "2026-11-29").status == 0)
    #expect(try pupilCount(path) == 36)
    let after = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!after.contains { $0.hasPrefix("made.sqlite.new-") }, "\(after)")
  }

  /// A MIS file of new pupils, large enough that importing it takes a while.
  func bigMISFile(_ folder: TemporaryFolder) throws -> String {
    var text = "UPN,Legal Surname,Legal Forename,DOB,Year,Reg Group,SEN Provision,Primary Need\n"
    for i in 0..<2_000 {
      text += ",Family\(i),Given\(i),0\(1 + i % 9)/0\(1 + i % 9)/2015,5,5A,K,SPLD\n"
    }
    let path = folder.file("big.csv")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func anImportUndoOrRedoKilledPartWayIsAllOrNothingAndUndoCarriesOn() throws {
    let folder = TemporaryFolder()
    let file = try bigMISFile(folder)
    let demo = try demoStore(folder)
    let work = folder.file("work.sqlite")
    let store = ["--store", work, "--today", "2026-11-29"]
    for delay in [20, 150, 400, 800] {
      for suffix in ["", "-wal", "-shm"] { unlink(work + suffix) }
      try FileManager.default.copyItem(atPath: demo, toPath: work)

      try killed(after: delay, ["import", "mis", file] + store)
      #expect(try caseload(["check"] + store).status == 0, "import killed after \(delay) ms")
      let imported = try pupilCount(work)
      #expect([36, 2_036].contains(imported), "import killed after \(delay) ms: \(imported)")
      if imported == 36 {
        #expect(try caseload(["import", "mis", file] + store).status == 0)
      }

      try killed(after: delay, ["undo"] + store)
      #expect(try caseload(["check"] + store).status == 0, "undo killed after \(delay) ms")
      let undone = try pupilCount(work)
      #expect([36, 2_036].contains(undone), "undo killed after \(delay) ms: \(undone)")
      if undone == 2_036 {
        let undo = try caseload(["undo"] + store)
        #expect(undo.status == 0, "\(undo.stderr)")
      }
      #expect(try pupilCount(work) == 36)

      try killed(after: delay, ["redo"] + store)
      #expect(try caseload(["check"] + store).status == 0, "redo killed after \(delay) ms")
      let redone = try pupilCount(work)
      #expect([36, 2_036].contains(redone), "redo killed after \(delay) ms: \(redone)")
      if redone == 36 {
        let redo = try caseload(["redo"] + store)
        #expect(redo.status == 0, "\(redo.stderr)")
      }
      #expect(try pupilCount(work) == 2_036)
      let last = try caseload(["undo"] + store)
      #expect(last.status == 0, "\(last.stderr)")
      #expect(try pupilCount(work) == 36)
    }
  }
}
