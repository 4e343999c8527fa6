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
}
