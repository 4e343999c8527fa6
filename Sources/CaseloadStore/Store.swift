import CaseloadCore
import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#endif

/// The Caseload store: one SQLite file holding every aggregate as a versioned JSON document, summary tables the
/// lists read, and an append-only history that makes every step undoable and serves as the audit trail.
public final class Store: @unchecked Sendable {
  public let path: String
  public let actor: ChangeActor
  let queue: DatabaseQueue
  /// Reads the wall clock for the audit trail; tests pin it.
  let clock: @Sendable () -> Date
  /// Pupils this process has decoded, by version.
  let pupils = PupilCache()
  /// Access-log lines this process has written.
  let accessNoted = AccessNoted()

  public static let defaultBusyTimeout: TimeInterval = 5

  private init(
    path: String, queue: DatabaseQueue, actor: ChangeActor, clock: @escaping @Sendable () -> Date
  ) {
    self.path = path
    self.queue = queue
    self.actor = actor
    self.clock = clock
  }

  /// Opens the store at `path`, creating it (file 0600, new folders 0700) when `create` is true and it is missing.
  ///
  /// A file that is not a Caseload store, is from a newer Caseload, cannot be read or stays locked is refused
  /// with a `StoreError` and left exactly as it was.
  public static func open(
    at path: String, create: Bool = true, busyTimeout: TimeInterval = defaultBusyTimeout,
    actor: ChangeActor = .current(), clock: @escaping @Sendable () -> Date = { Date() },
    progress: MigrationProgress? = nil
  ) throws -> Store {
    umask(0o077)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw StoreError(.notAStore, "\(path) is a folder, not a Caseload store.")
    }
    if !FileManager.default.fileExists(atPath: path) {
      try refuseIfHidden(path)
      guard create else {
        throw StoreError(
          .notFound,
          "There is no Caseload store at \(path). Try `caseload --demo`, or name your store with --store or CASELOAD_STORE."
        )
      }
      try createStore(at: path, busyTimeout: busyTimeout)
    }
    try checkExistingFile(at: path)
    let store = try connect(path, busyTimeout: busyTimeout, actor: actor, clock: clock)
    do {
      try store.prepare(isNew: false, progress: progress)
    } catch {
      throw StoreError.from(error, path: path)
    }
    return store
  }

  /// A path that cannot be looked at (a folder on the way belongs to someone else) is not a missing store:
  /// saying "there is no store" there would invite making a second one.
  private static func refuseIfHidden(_ path: String) throws {
    var st = stat()
    guard stat(path, &st) != 0, errno == EACCES else { return }
    throw StoreError(
      .unreadable,
      "Caseload is not allowed to look at \(path) (permission denied): a store is private to the user who made it. Run Caseload as that user, or ask them for a backup made with `caseload export all`."
    )
  }

  /// Files left by a creation that was stopped part-way (the process killed before it linked the new store
  /// into place). A minute's age keeps a creation still under way in another process safe.
  private static func removeAbandonedCreations(beside path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let prefix = (path as NSString).lastPathComponent + ".new-"
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    let now = Date()
    for name in names where name.hasPrefix(prefix) {
      let file = (folder.isEmpty ? "" : folder + "/") + name
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
        let modified = attributes[.modificationDate] as? Date,
        now.timeIntervalSince(modified) > 60,
        (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == geteuid()
      else { continue }
      unlink(file)
    }
  }

  private static func connect(
    _ path: String, busyTimeout: TimeInterval, actor: ChangeActor,
    clock: @escaping @Sendable () -> Date
  ) throws -> Store {
    var config = Configuration()
    // SQLite's own wait backs off to 100 ms naps, so a waiter can starve while another session commits in a
    // steady stream. Short naps with jitter give every waiting session its turn between two commits.
    let tries = Int(min(max(busyTimeout, 0.05), 600) * 1_000)
    config.busyMode = .callback { numberOfTries in
      guard numberOfTries < tries else { return false }
      usleep(useconds_t(500 + UInt32.random(in: 0..<1_000)))
      return true
    }
    config.label = "caseload"
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA mmap_size = 268435456")
    }
    do {
      return Store(
        path: path, queue: try DatabaseQueue(path: path, configuration: config), actor: actor,
        clock: clock)
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  /// Builds a new, empty store under a temporary name beside `path` and links it into place, so another
  /// process never sees a half-made file; if one appeared meanwhile, that one wins.
  private static func createStore(at path: String, busyTimeout: TimeInterval) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError(
          .unreadable, "Caseload cannot create the folder \(folder): \(error.localizedDescription)")
      }
    }
    removeAbandonedCreations(beside: path)
    var template = Array((path + ".new-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      throw StoreError(
        .unreadable, "Caseload cannot create \(path): \(String(cString: strerror(errno))).")
    }
    close(fd)
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) } }
    do {
      let store = try connect(
        temporary, busyTimeout: busyTimeout, actor: .current(), clock: { Date() })
      try store.prepare(isNew: true)
      try store.queue.close()
    } catch {
      throw StoreError.from(error, path: path)
    }
    if link(temporary, path) != 0, errno != EEXIST {
      throw StoreError(
        .unreadable, "Caseload cannot create \(path): \(String(cString: strerror(errno))).")
    }
  }

  /// Checks the file's identity and schema, and brings an older schema up to date.
  private func prepare(isNew: Bool, progress: Schema.Progress? = nil) throws {
    let migrator = Schema.migrator(progress: progress)
    let state = try queue.read { db -> (appID: Int32, superseded: Bool, complete: Bool) in
      let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
      let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
      if appID != Schema.applicationID { return (appID, false, tables == 0) }
      return (appID, try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
    }
    if state.appID != Schema.applicationID {
      // A brand-new file is made ours; anything else is someone else's database.
      guard isNew && state.complete else {
        throw StoreError(
          .notAStore, "\(path) is a database, but not a Caseload store. It was left untouched.")
      }
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
      }
    }
    if state.superseded {
      throw StoreError(
        .newerVersion,
        "\(path) was written by a newer version of Caseload; update Caseload to open it. The file was left untouched."
      )
    }
    if !state.complete || state.appID != Schema.applicationID {
      let before = try queue.read { db in try migrator.appliedIdentifiers(db) }
      try migrator.migrate(queue)
      // The old history held every record twice per event: give the space it freed back to the disk.
      if !isNew, !before.contains("v2-history-as-changes"), before.contains("v1") {
        try compact()
      }
    }
    // A store missing one of its tables is damaged: refuse it before anything is written to it.
    if let problem = try schemaProblems().first {
      throw StoreError(
        .damaged, "\(path): \(problem) Run `caseload check`, or restore it from a backup.")
    }
    try bringDerivedRowsUpToDate()
  }

  /// Rows built by older rules (a deadline rule corrected, a new kind of agenda item) are rebuilt from the
  /// records, once, in one transaction; a store built by newer rules is left as that version built it.
  private func bringDerivedRowsUpToDate() throws {
    let built = try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    guard built < Projection.rulesVersion else { return }
    try write { db in
      let now = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      guard now < Projection.rulesVersion else { return }
      try Projection.rebuildDerivedRows(db)
      try db.execute(sql: "PRAGMA user_version = \(Projection.rulesVersion)")
    }
  }

  private static func checkExistingFile(at path: String) throws {
    do {
      for suffix in ["", "-wal", "-shm"] { try FilePermissions.secureFile(path + suffix) }
    } catch let loose as FilePermissions.Loose {
      throw StoreError(.unreadable, loose.description)
    }
    guard access(path, R_OK) == 0 else {
      let reason = String(cString: strerror(errno))
      var st = stat()
      if stat(path, &st) == 0, st.st_uid != geteuid() {
        let owner = getpwuid(st.st_uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        throw StoreError(
          .unreadable,
          "Caseload cannot read \(path): it belongs to \(owner ?? "user \(st.st_uid)") and a store is private to the user who made it. Run Caseload as that user, or ask them for a backup made with `caseload export all`."
        )
      }
      throw StoreError(
        .unreadable, "Caseload cannot read \(path): \(reason). Check that the file is yours.")
    }
    let folder = (path as NSString).deletingLastPathComponent
    guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
      throw StoreError(
        .unreadable,
        "Caseload cannot write in the folder \(folder), which it needs for the store's working files beside \((path as NSString).lastPathComponent)."
      )
    }
    guard access(path, W_OK) == 0 else {
      throw StoreError(
        .unreadable, "Caseload cannot write to \(path): \(String(cString: strerror(errno))).")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError(.unreadable, "Caseload cannot read \(path).")
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    if header.isEmpty {
      throw StoreError(
        .notAStore, "\(path) is an empty file, not a Caseload store. It was left untouched.")
    }
    guard header == Data("SQLite format 3\0".utf8) else {
      throw StoreError(.notAStore, "\(path) is not a Caseload store. It was left untouched.")
    }
  }

  /// Runs a read, turning SQLite's errors into `StoreError`s.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try queue.read(body) } catch { throw StoreError.from(error, path: path) }
  }

  /// Runs a write in a `BEGIN IMMEDIATE` transaction, so concurrent writers queue on the busy timeout instead
  /// of failing half-way.
  func write<T>(rollingBack: Bool = false, _ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return rollingBack ? .rollback : .commit
        }
        guard let result else {
          throw StoreError(.io, "The store \(path) ended a change without an answer.")
        }
        return result
      }
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  /// Changes whenever any connection commits: the TUI polls it to show other sessions' edits.
  public func dataVersion() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
  }

  /// `PRAGMA integrity_check`'s verdict: "ok" for a sound file.
  public func integrityCheck() throws -> String {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
    }
  }

  /// Writes a consistent copy of the store to `path` (`VACUUM INTO`), private like the store itself.
  public func backup(to destination: String) throws {
    if FileManager.default.fileExists(atPath: destination) {
      throw StoreError(.io, "\(destination) already exists; choose a new name for the backup.")
    }
    do {
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
      }
    } catch {
      throw StoreError.from(error, path: path)
    }
    chmod(destination, 0o600)
  }

  /// The default store location: `$XDG_DATA_HOME/caseload/caseload.sqlite`, else `~/.local/share/caseload/…`.
  public static func defaultPath(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      return xdg + "/caseload/caseload.sqlite"
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.local/share/caseload/caseload.sqlite"
  }
}
