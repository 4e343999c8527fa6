import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

/// The store and the day a command works with, from the global options.
struct Session {
  let store: Store
  let today: Day
  /// The temporary folder of a `--demo` session, removed on close.
  let temporaryFolder: String?

  static func open(_ options: Caseload, create: Bool = false) throws -> Session {
    let today = options.today.flatMap { Day(iso: $0) } ?? Session.systemToday()
    if options.demo {
      var template = Array((NSTemporaryDirectory() + "/caseload-demo-XXXXXX").utf8CString)
      guard let folder = mkdtemp(&template) else {
        throw CLIError(
          "Cannot make a temporary folder for the demo: \(String(cString: strerror(errno))).")
      }
      let path = String(cString: folder)
      do {
        let store = try Store.open(at: path + "/demo.sqlite")
        try DemoWriter.write(into: store, today: today)
        return Session(store: store, today: today, temporaryFolder: path)
      } catch {
        try? FileManager.default.removeItem(atPath: path)
        throw error
      }
    }
    let store = try Store.open(
      at: storePath(options), create: create, busyTimeout: busyTimeout(),
      progress: Self.reportMigration)
    return Session(store: store, today: today, temporaryFolder: nil)
  }

  /// One line on stderr, rewritten in place on a terminal, while an older store's history is converted.
  static let reportMigration: MigrationProgress = { done, total in
    guard total >= 5_000 else { return }
    let line = "Bringing the store's history up to date: \(done) of \(total) changes"
    if isatty(2) != 0 {
      FileHandle.standardError.write(Data("\r\(line)\(done == total ? "\n" : "")".utf8))
    } else if done == total {
      FileHandle.standardError.write(Data("\(line).\n".utf8))
    }
  }

  /// `--store`, else `$CASELOAD_STORE` (when not empty), else the default under `$XDG_DATA_HOME`.
  static func storePath(_ options: Caseload) -> String {
    explicitStorePath(options) ?? Store.defaultPath()
  }

  static func explicitStorePath(_ options: Caseload) -> String? {
    let environment = getenv("CASELOAD_STORE").map { String(cString: $0) }
    return [options.store, environment].compactMap { $0 }.first { !$0.isEmpty }
  }

  /// A dry run before there is a store: it checks against nothing (or an empty store) and makes none.
  static func dryRunWithoutStore(_ options: Caseload, dryRun: Bool) -> Bool {
    dryRun && !options.demo && !FileManager.default.fileExists(atPath: storePath(options))
  }

  /// `$CASELOAD_BUSY_TIMEOUT` seconds, when it is a sensible number; the store clamps it too.
  static func busyTimeout() -> TimeInterval {
    guard let text = getenv("CASELOAD_BUSY_TIMEOUT").map({ String(cString: $0) }),
      let seconds = Double(text),
      seconds.isFinite, seconds > 0
    else { return Store.defaultBusyTimeout }
    return min(seconds, 600)
  }

  func close() {
    if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
  }

  /// Today's date on this machine's clock, in local time: the only place Caseload reads the clock for dates.
  static func systemToday() -> Day {
    var t = time(nil)
    var parts = tm()
    localtime_r(&t, &parts)
    return Day(
      year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
  }

  func settings() throws -> SchoolSettings { try store.settings(today: today).value }

  /// The one pupil `query` names, or an error listing the candidates with date of birth and year.
  /// The pupil a query names, as stored now.
  /// The pupil named on the command line; `seen` goes into the access log ("show", "export plan", …).
  func loadPupil(_ query: String, seen: String) throws -> Loaded<Pupil> {
    let summary = try resolve(query)
    guard let loaded = try store.pupil(summary.id) else {
      throw CLIError("The pupil \(summary.id) was removed in another session.")
    }
    noteAccess(summary.id, seen)
    return loaded
  }

  /// Records that this user looked at the pupil's record. A store too busy to take the line does not stop the
  /// person seeing what they asked for; they are told the look was not logged.
  func noteAccess(_ id: AggregateID, _ what: String) {
    do {
      try store.recordAccess(id, what)
    } catch {
      Output.say("Caseload could not note this look in the access log: \(error)", error: true)
    }
  }

  func resolve(_ query: String) throws -> PupilSummary {
    switch try store.findPupil(query) {
    case .one(let s): return s
    case .none: throw CLIError("No pupil matches “\(query)”. Try `caseload list` to see names.")
    case .many(let matches):
      let lines = matches.prefix(20).map {
        "  \($0.id.rawValue)  \($0.displayName), born \($0.dateOfBirth.british), \($0.yearGroup(on: today))"
      }
      throw CLIError(
        "“\(query)” matches \(matches.count) pupils; give more of the name, the UPN or the id:\n"
          + lines.joined(separator: "\n"))
    }
  }
}
