import Foundation
import GRDB
import Testing

/// Damaged stores and crafted files meet a one-line message and an exit code, never a trap.
@Suite struct TrustBoundaryTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    let made = try caseload("demo", "--store", path, "--today", today)
    #expect(made.status == 0, "\(made.stderr)")
    return path
  }

  /// A value of the wrong kind in a column (as a flipped bit leaves) is reported as damage by every reader.
  @Test func aValueOfTheWrongKindIsDamageNotACrash() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    var config = Configuration()
    config.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: path, configuration: config)
    try queue.write { db in
      try db.execute(sql: "UPDATE step SET reverts = 'x7' WHERE id = (SELECT max(id) FROM step)")
      try db.execute(sql: "UPDATE pupil_summary SET year_offset = 'twelve' WHERE id = 'pdemo0001'")
    }
    try queue.close()
    // Those that read the damaged values say so in one line; none traps.
    for args in [["history"]] {
      let r = try run(Binary.caseload, args + ["--store", path, "--today", today])
      #expect(r.status == 1, "\(args): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains("damaged"), "\(args): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
    }
    for args in [
      ["status"], ["show", "pdemo0001"], ["due"], ["list"], ["export", "all", "--json"],
      ["history", "pdemo0002"],
    ] {
      let r = try run(Binary.caseload, args + ["--store", path, "--today", today])
      #expect(r.status == 0 || (r.status == 1 && r.stderr.contains("damaged")), "\(args): \(r.status) \(r.stderr)")
    }
  }
}
