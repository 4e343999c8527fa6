import CaseloadCore
import Foundation
import Testing

@testable import CaseloadStore

@Suite struct OpeningTests {
  func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber)
      .intValue
  }

  @Test func aNewStoreIsPrivateInAPrivateFolder() throws {
    let folder = TemporaryFolder()
    let path = folder.file("school/caseload/caseload.sqlite")
    let store = try Store.open(at: path, actor: alice)
    _ = try addSupportedPupil(store)
    #expect(try mode(path) == 0o600)
    #expect(try mode(folder.file("school/caseload")) == 0o700)
    #expect(try mode(folder.file("school")) == 0o700)
    for sidecar in [path + "-wal", path + "-shm"]
    where FileManager.default.fileExists(atPath: sidecar) {
      #expect(try mode(sidecar) & 0o077 == 0)
    }
  }

  @Test func aMissingStoreIsNotCreatedWhenOnlyReading() throws {
    let folder = TemporaryFolder()
    let error = try #require(throws: StoreError.self) {
      try Store.open(at: folder.file("none.sqlite"), create: false)
    }
    #expect(error.kind == .notFound)
    #expect(!FileManager.default.fileExists(atPath: folder.file("none.sqlite")))
  }

  @Test(arguments: [
    ("text", Data("UPN,Surname\n123,Smith\n".utf8)),
    ("empty", Data()),
    ("binary", Data((0..<4096).map { UInt8($0 % 251) })),
  ])
  func aFileThatIsNotAStoreIsRefusedAndLeftUntouched(name: String, contents: Data) throws {
    let folder = TemporaryFolder()
    let path = folder.file(name)
    _ = FileManager.default.createFile(atPath: path, contents: contents)
    let error = try #require(throws: StoreError.self) { try Store.open(at: path) }
    #expect(error.kind == .notAStore)
    #expect(error.message.contains("not a Caseload store"))
    #expect(FileManager.default.contents(atPath: path) == contents)
  }

  @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
    let folder = TemporaryFolder()
    let path = folder.file("other.db")
    try runPython(
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()",
      path)
    let contents = FileManager.default.contents(atPath: path)
    let error = try #require(throws: StoreError.self) { try Store.open(at: path) }
    #expect(error.kind == .notAStore)
    #expect(FileManager.default.contents(atPath: path) == contents)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func aStoreFromANewerCaseloadIsRefusedAndLeftUntouched() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    do {
      let store = try Store.open(at: path)
      try store.write { db in
        try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')")
      }
      try store.queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    }
    let contents = FileManager.default.contents(atPath: path)
    let error = try #require(throws: StoreError.self) { try Store.open(at: path) }
    #expect(error.kind == .newerVersion)
    #expect(error.message.contains("newer version of Caseload"))
    #expect(FileManager.default.contents(atPath: path) == contents)
  }

  @Test func aDamagedStoreGetsAClearMessage() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    do {
      let store = try Store.open(at: path)
      _ = try addSupportedPupil(store)
      try store.queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    }
    var bytes = try #require(FileManager.default.contents(atPath: path))
    for i in 100..<min(bytes.count, 8192) { bytes[i] = 0xA5 }
    _ = FileManager.default.createFile(atPath: path, contents: bytes)
    let error = try #require(throws: StoreError.self) {
      let store = try Store.open(at: path)
      _ = try store.summaries()
    }
    #expect([.damaged, .notAStore].contains(error.kind))
    #expect(FileManager.default.contents(atPath: path) == bytes)
  }

  @Test func aStoreLockedPastTheTimeoutIsReportedAsLocked() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    let store = try Store.open(at: path, busyTimeout: 0.3, actor: alice)
    let id = try addSupportedPupil(store)
    let holder = try startPython(
      """
      import sqlite3,sys,time
      c=sqlite3.connect(sys.argv[1], isolation_level=None)
      c.execute('BEGIN IMMEDIATE')
      print('locked', flush=True); time.sleep(20)
      """, path)
    defer { holder.terminate() }
    let error = try #require(throws: StoreError.self) {
      try store.edit(id, .setPupilVoice("I like maths"), today: today)
    }
    #expect(error.kind == .locked)
    #expect(error.message.contains("locked by another program"))
  }
}

func runPython(_ script: String, _ argument: String) throws {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["python3", "-c", script, argument]
  try p.run()
  p.waitUntilExit()
}

/// Starts a python script and waits for its first line, so the test knows it is ready.
func startPython(_ script: String, _ argument: String) throws -> Process {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["python3", "-c", script, argument]
  let pipe = Pipe()
  p.standardOutput = pipe
  try p.run()
  _ = pipe.fileHandleForReading.availableData
  return p
}
