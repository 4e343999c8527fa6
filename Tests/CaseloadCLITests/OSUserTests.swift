import Foundation
import Testing

/// Two real OS users and a store: the one who made it works in it, another is told plainly that it is private,
/// and an administrator (root) who changes a record beside its owner holds up the owner's undo instead of
/// having their change thrown away. Each user undoes only their own steps.
@Suite(
  .serialized,
  .enabled(
    if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd"),
    "making OS users needs root"))
struct OSUserTests {
  let today = "2026-11-29"
  static let owner = "caseload-owner"
  static let other = "caseload-other"

  /// The user's id, making the user (no home, no login) the first time.
  func user(_ name: String) throws -> (uid: UInt32, gid: UInt32) {
    if getpwnam(name) == nil {
      try run("/usr/sbin/useradd", ["-M", "-s", "/usr/sbin/nologin", name])
    }
    let pw = try #require(getpwnam(name))
    return (pw.pointee.pw_uid, pw.pointee.pw_gid)
  }

  /// Runs Caseload as `name` (or as root with nil), from a copy every user can execute.
  func caseload(as name: String?, _ binary: String, _ arguments: String...) throws -> Finished {
    guard let name else { return try run(binary, arguments) }
    return try run(
      "/usr/bin/setpriv",
      ["--reuid=\(name)", "--regid=\(name)", "--init-groups", binary] + arguments)
  }

  func misFile(_ folder: TemporaryFolder, group: String, name: String) throws -> String {
    let path = folder.file(name)
    try """
    UPN,Legal Surname,Legal Forename,DOB,Year,Reg Group,SEN Provision,Primary Need,Secondary Need
    Y909460219058,Al-Hassan,Mohammed,09/04/2016,6,\(group),K,MLD,SLCN

    """.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o644)
    return path
  }

  @Test func anotherUserIsRefusedAndAnAdministratorsChangeHoldsUpTheOwnersUndo() throws {
    let (uid, gid) = try user(Self.owner)
    _ = try user(Self.other)
    let folder = TemporaryFolder()
    chmod(folder.path, 0o755)
    // Copied by `cp` in its own process: a copy written here could still be open for writing in a process
    // another test forks meanwhile, and running it would then fail with "Text file busy".
    let binary = folder.file("caseload")
    let copied = try run("/bin/cp", [Binary.caseload, binary])
    try #require(copied.status == 0, "\(copied.stderr)")
    chmod(binary, 0o755)
    let home = folder.file("owner")
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
    chown(home, uid, gid)
    chmod(home, 0o700)
    let store = home + "/caseload.sqlite"

    let made = try caseload(as: Self.owner, binary, "demo", "--store", store, "--today", today)
    #expect(made.status == 0, "\(made.stderr)")

    // Another user cannot look inside the owner's folder, and is not told there is no store.
    let refused = try caseload(as: Self.other, binary, "status", "--store", store)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("private to the user who made it"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("There is no Caseload store"))
    // With the folder open to them, the file itself still is not.
    chmod(home, 0o711)
    let file = try caseload(as: Self.other, binary, "status", "--store", store)
    #expect(file.status == 1)
    #expect(file.stderr.contains("belongs to \(Self.owner)"), "\(file.stderr)")
    chmod(home, 0o700)

    let first = try misFile(folder, group: "6C", name: "first.csv")
    let second = try misFile(folder, group: "6D", name: "second.csv")
    let mine = try caseload(as: Self.owner, binary, "import", "mis", first, "--store", store)
    #expect(mine.status == 0, "\(mine.stderr)")

    // Root has made no step here: its undo does not reach the owner's.
    let nothing = try caseload(as: nil, binary, "undo", "--store", store)
    #expect(nothing.status == 1)
    #expect(nothing.stderr.contains("Nothing to undo"), "\(nothing.stderr)")

    let admin = try caseload(as: nil, binary, "import", "mis", second, "--store", store)
    #expect(admin.status == 0, "\(admin.stderr)")

    let held = try caseload(as: Self.owner, binary, "undo", "--store", store)
    #expect(held.status == 1)
    #expect(held.stderr.contains("has been changed since by root@"), "\(held.stderr)")
    #expect(held.stderr.contains("undo --skip"), "\(held.stderr)")

    let adminUndo = try caseload(as: nil, binary, "undo", "--store", store)
    #expect(adminUndo.status == 0, "\(adminUndo.stderr)")
    let ownerUndo = try caseload(as: Self.owner, binary, "undo", "--store", store)
    #expect(ownerUndo.status == 0, "\(ownerUndo.stderr)")

    let shown = try caseload(as: Self.owner, binary, "show", "Al-Hassan", "--store", store)
    #expect(shown.status == 0, "\(shown.stderr)")
    let header = shown.stdout.split(separator: "\n").dropFirst().first ?? ""
    #expect(header.contains("class 6T,"), "back to the demo's group:\n\(shown.stdout)")
    // The administrator's visits left every file the owner's and private.
    for suffix in ["", "-wal", "-shm"] {
      var st = stat()
      guard stat(store + suffix, &st) == 0 else { continue }
      #expect(st.st_uid == uid, "\(suffix) belongs to the owner")
      #expect(st.st_mode & 0o077 == 0, "\(suffix) is private")
    }
  }
}
