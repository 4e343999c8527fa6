import ArgumentParser
import CaseloadCore
import CaseloadExchange
import CaseloadStore
import CaseloadText
import Foundation

/// `caseload import all FILE.json`: restores a full backup (`caseload export all`) into an empty store.
///
/// A subcommand of the `import` group, beside `import mis`.
struct ImportAllCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "all",
    abstract:
      "Restore a full backup made by `caseload export all` into a new, empty store, history included.",
    discussion: """
      The store named by --store (or $CASELOAD_STORE, or the default) is made if it does not exist; one that \
      already holds anything is refused and left as it was. Everything comes back as it was: the settings, \
      every pupil, every step of the history (so `caseload undo` carries on), and each user's preferences.
      """
  )

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("The backup file.", valueName: "file.json")) var file: String

  func run() throws {
    // A store made for this restore goes again if the restore fails: a failed restore leaves nothing.
    let path = Session.storePath(global)
    let isNew = !global.demo && !FileManager.default.fileExists(atPath: path)
    do {
      try restore()
    } catch {
      if isNew {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
      }
      throw error
    }
  }

  private func restore() throws {
    let session = try Session.open(global, create: true)
    defer { session.close() }
    let held = try session.store.contents()
    guard held.records == 0, held.events == 0, held.steps == 0 else {
      throw CLIError(
        "The store \(session.store.path) is not empty (\(held.pupils) pupil\(held.pupils == 1 ? "" : "s"), \(held.events) change\(held.events == 1 ? "" : "s") in its history); `import all` restores a backup only into a new, empty store. Name a new file with --store."
      )
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
    } catch {
      throw CLIError("Cannot read \(file): \((error as NSError).localizedDescription)")
    }
    let counts = try exporting { try Export.restore(data, into: session.store, source: file) }
    Output.say(
      "Restored \(counts.pupils) pupil\(counts.pupils == 1 ? "" : "s") and \(counts.events) change\(counts.events == 1 ? "" : "s") in \(counts.steps) step\(counts.steps == 1 ? "" : "s") into \(session.store.path)."
    )
  }
}
