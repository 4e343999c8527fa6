import Foundation
import GRDB
import Testing

/// Damaged stores and crafted files meet a one-line message and an exit code, never a trap.
@Suite struct TrustBoundaryTests {
  let today = "2026-11-29"

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
      #expect(
        r.status == 0 || (r.status == 1 && r.stderr.contains("damaged")),
        "\(args): \(r.status) \(r.stderr)")
    }
  }
}

/// A backup is untrusted input: crafted values are refused by name, and a failed restore leaves no store behind.
@Suite struct CraftedBackupTests {
  let today = "2026-11-29"

  /// The demo's backup as JSON objects, to change before writing it back.
  func demoBackup(_ folder: TemporaryFolder) throws -> [String: Any] {
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    let backup = try caseload("export", "all", "--json", "--store", path)
    return try #require(
      try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [String: Any])
  }

  /// Changes Oisín's record where the backup holds it: as stored, and in the event that made it.
  func changingOisin(_ json: [String: Any], _ change: (inout [String: Any]) -> Void) throws
    -> [String: Any]
  {
    var json = json
    var aggregates = try #require(json["aggregates"] as? [[String: Any]])
    let a = try #require(aggregates.firstIndex { $0["id"] as? String == "pdemo0001" })
    var document = try #require(aggregates[a]["document"] as? [String: Any])
    change(&document)
    aggregates[a]["document"] = document
    json["aggregates"] = aggregates
    var events = try #require(json["events"] as? [[String: Any]])
    let e = try #require(events.firstIndex { $0["aggregate"] as? String == "pdemo0001" })
    events[e]["changes"] = [["path": [], "after": document]]
    json["events"] = events
    return json
  }

  func restore(_ json: [String: Any], _ folder: TemporaryFolder, name: String) throws -> (
    Finished, String
  ) {
    let file = folder.file("\(name).json")
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: file))
    let store = folder.file("\(name).sqlite")
    return (try caseload("import", "all", file, "--store", store, "--today", today), store)
  }

  func expectRefused(_ r: Finished, store: String, saying words: [String]) {
    #expect(r.status == 1, "\(r.stderr)")
    for w in words { #expect(r.stderr.contains(w), "\(w) not in: \(r.stderr)") }
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    for suffix in ["", "-wal", "-shm"] {
      #expect(
        !FileManager.default.fileExists(atPath: store + suffix),
        "a failed restore left \(store + suffix)")
    }
  }

  @Test func outOfRangeValuesAreRefusedByPupilAndField() throws {
    let folder = TemporaryFolder()
    let json = try demoBackup(folder)
    let (offset, s1) = try restore(
      try changingOisin(json) { $0["yearGroupOffset"] = Int64.max }, folder, name: "offset")
    expectRefused(
      offset, store: s1, saying: ["Oisín O'Brien", "year-group offset 9223372036854775807"])
    let (born, s2) = try restore(
      try changingOisin(json) { $0["dateOfBirth"] = "9999-01-01" }, folder, name: "born")
    expectRefused(
      born, store: s2, saying: ["dateOfBirth", "outside the years Caseload works with"])
    let (group, s3) = try restore(
      try changingOisin(json) { doc in
        guard var cycles = doc["cycles"] as? [[String: Any]],
          var plan = cycles.last?["plan"] as? [String: Any],
          var provision = plan["provision"] as? [[String: Any]], !provision.isEmpty
        else { return }
        provision[0]["groupSize"] = Int64.max
        plan["provision"] = provision
        cycles[cycles.count - 1]["plan"] = plan
        doc["cycles"] = cycles
      }, folder, name: "group")
    expectRefused(
      group, store: s3, saying: ["Oisín O'Brien", "Group size must be between 1 and 60"])
  }

  @Test func stepNumbersNearTheLargestIntegerAreRefused() throws {
    let folder = TemporaryFolder()
    var json = try demoBackup(folder)
    var steps = try #require(json["steps"] as? [[String: Any]])
    let last = try #require(steps.last?["id"] as? Int64)
    steps[steps.count - 1]["id"] = Int64.max
    json["steps"] = steps
    json["events"] = try #require(json["events"] as? [[String: Any]]).map { e in
      var e = e
      if e["step"] as? Int64 == last { e["step"] = Int64.max }
      return e
    }
    let (r, store) = try restore(json, folder, name: "ids")
    expectRefused(r, store: store, saying: ["out of range"])
  }

  @Test(arguments: [#"\ud800"#, #"\udc00\ud800"#, #"\ud83d\u0041"#])
  func aHalfCharacterEscapeIsRefusedNotTrapped(escape: String) throws {
    let folder = TemporaryFolder()
    let json = try demoBackup(folder)
    var text = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    text = text.replacingOccurrences(of: "Mrs Airey", with: "Mrs \(escape)Airey")
    let file = folder.file("escape.json")
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let store = folder.file("escape.sqlite")
    let r = try caseload("import", "all", file, "--store", store)
    expectRefused(r, store: store, saying: ["half a character"])
  }

  @Test func deepNestingIsRefusedNotAStackOverflow() throws {
    let folder = TemporaryFolder()
    let file = folder.file("deep.json")
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    try
      #"{"format":"caseload-backup","version":2,"x":\#(deep),"aggregates":[],"steps":[],"events":[]}"#
      .write(toFile: file, atomically: true, encoding: .utf8)
    let store = folder.file("deep.sqlite")
    let r = try caseload("import", "all", file, "--store", store)
    expectRefused(r, store: store, saying: ["nested too deeply"])
  }

  /// Escape sequences, C1 controls and bidi overrides restored from a crafted backup never reach the terminal
  /// from any command; JSON carries them escaped.
  @Test func craftedEscapesNeverReachTheTerminal() throws {
    let folder = TemporaryFolder()
    let nasty = "\u{1B}]0;X\u{7}\u{1B}[2J\u{9B}31m\u{202E}\u{85}"
    var json = try changingOisin(try demoBackup(folder)) { doc in
      var name = doc["legalName"] as? [String: Any] ?? [:]
      name["given"] = "Ois\(nasty)ín"
      doc["legalName"] = name
    }
    json["steps"] = (json["steps"] as? [[String: Any]] ?? []).map { step in
      var step = step
      step["summary"] = "\(step["summary"] ?? "")\(nasty)"
      step["actor"] = "alice@office (ssh from \(nasty))"
      return step
    }
    json["events"] = (json["events"] as? [[String: Any]] ?? []).map { event in
      var event = event
      event["summary"] = "\(event["summary"] ?? "")\(nasty)"
      return event
    }
    let (restored, store) = try restore(json, folder, name: "nasty")
    #expect(restored.status == 0, "\(restored.stderr)")
    let forbidden: [Unicode.Scalar] = ["\u{1B}", "\u{7}", "\u{9B}", "\u{202E}", "\u{85}"]
    for args in [
      ["list"], ["show", "pdemo0001"], ["history"], ["history", "pdemo0001"],
      ["due", "--within", "all"],
      ["plan", "pdemo0001"], ["meeting", "pdemo0001"], ["status"], ["access", "pdemo0001"],
      ["export", "plan", "pdemo0001"], ["list", "--json"], ["history", "--json"],
      ["status", "--json"],
      ["export", "pupil", "pdemo0001", "--json"], ["undo"], ["show", "nosuchpupil"], ["redo"],
    ] {
      let r = try run(
        Binary.caseload, args + ["--store", store, "--today", today], environment: ["NO_COLOR": "1"]
      )
      for scalar in forbidden {
        #expect(
          !r.stdout.unicodeScalars.contains(scalar),
          "\(args) printed U+\(String(scalar.value, radix: 16))")
        #expect(
          !r.stderr.unicodeScalars.contains(scalar),
          "\(args) printed U+\(String(scalar.value, radix: 16)) on stderr")
      }
    }
    let list = try caseload("list", "--json", "--store", store, "--today", today)
    #expect(list.stdout.contains(#"\u202e"#), "JSON keeps the override, escaped")
  }
}

/// `caseload check` finds each kind of damage, and says a sound store is sound.
@Suite struct CheckCommandTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    #expect(try caseload("show", "oisin", "--store", path, "--today", today).status == 0)
    return path
  }

  func damage(_ path: String, _ sql: String) throws {
    var config = Configuration()
    config.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: path, configuration: config)
    try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
    try queue.close()
  }

  @Test func aSoundStoreIsSound() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("check", "--store", path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("is sound"))
  }

  @Test func staleSummariesAreFoundAndRepaired() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    try damage(
      path, "UPDATE pupil_summary SET display_name = 'Someone Else' WHERE id = 'pdemo0001'")
    let r = try caseload("check", "--store", path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("derived row"))
    let repaired = try caseload("check", "--repair", "--store", path)
    #expect(repaired.status == 0, "\(repaired.stderr)")
    #expect(try caseload("check", "--store", path).status == 0)
  }

  @Test func aRecordThatIsNotWhereItsHistoryLeavesItIsFound() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    try damage(
      path,
      "UPDATE aggregate SET document = replace(document, 'Oisín', 'Oisin') WHERE id = 'pdemo0001'")
    let r = try caseload("check", "--store", path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("pdemo0001 is not where its history leaves it"), "\(r.stderr)")
  }

  @Test func aMissingTableIsRefusedOnOpen() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    try damage(path, "DROP TABLE preference")
    for args in [["check"], ["status"], ["undo"]] {
      let r = try run(Binary.caseload, args + ["--store", path])
      #expect(r.status == 1)
      #expect(r.stderr.contains("table preference is missing"), "\(args): \(r.stderr)")
    }
  }

  /// Damage in a data page, not only the header: SQLite's own check finds it, and nothing traps.
  @Test func aDamagedDataPageIsFound() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    #expect(try caseload("check", "--store", path).status == 0)
    try damage(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    var bytes = try #require(FileManager.default.contents(atPath: path))
    #expect(bytes.count > 16_384)
    let page = (bytes.count / 2) / 4_096 * 4_096
    for i in stride(from: page + 8, to: page + 4_000, by: 7) { bytes[i] ^= 0x5A }
    try bytes.write(to: URL(fileURLWithPath: path))
    let r = try caseload("check", "--store", path)
    #expect(r.status == 1, "\(r.stdout)")
    #expect(r.stderr.contains("damaged"), "\(r.stderr)")
    for args in [["status"], ["list"], ["history"], ["export", "all", "--json"]] {
      let x = try run(Binary.caseload, args + ["--store", path, "--today", today])
      #expect(x.status == 0 || x.status == 1, "\(args) ended with \(x.status)")
      if x.status == 1 { #expect(x.stderr.hasPrefix("caseload: "), "\(args): \(x.stderr)") }
    }
  }
}

/// Loose permissions are tightened on the user's own files and refused on someone else's.
@Suite struct PermissionTests {
  let today = "2026-11-29"

  func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
  }

  @Test func theUsersOwnLooseStoreAndFolderAreMadePrivate() throws {
    let folder = TemporaryFolder()
    let inner = folder.file("shared")
    try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
    let path = inner + "/demo.sqlite"
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    chmod(path, 0o644)
    chmod(inner, 0o777)
    let r = try caseload("status", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(mode(path) == 0o600)
    #expect(mode(inner) & 0o022 == 0)
  }

  @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
  func someoneElsesReadableStoreIsRefusedWithTheFix() throws {
    let folder = TemporaryFolder()
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    chmod(path, 0o644)
    chown(path, 65_534, 65_534)
    let r = try caseload("status", "--store", path, "--today", today)
    #expect(r.status == 1)
    #expect(r.stderr.contains("chmod 600 \(path)"), "\(r.stderr)")
    #expect(mode(path) == 0o644, "someone else's file is left as it is")
  }

  @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
  func aTemplateSomeoneElseCanChangeIsNotUsed() throws {
    let folder = TemporaryFolder()
    let path = folder.file("demo.sqlite")
    #expect(try caseload("demo", "--store", path, "--today", today).status == 0)
    let templates = folder.file("config/caseload/templates")
    try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
    try "Plan for {{pupil.name}}\n".write(
      toFile: templates + "/plan.md.mustache", atomically: true, encoding: .utf8)
    chown(templates + "/plan.md.mustache", 65_534, 65_534)
    chmod(templates + "/plan.md.mustache", 0o666)
    let r = try caseload(
      "export", "plan", "oisin", "--store", path, "--today", today,
      environment: ["XDG_CONFIG_HOME": folder.file("config")])
    #expect(r.status == 1)
    #expect(r.stderr.contains("is not used"), "\(r.stderr)")
  }
}
