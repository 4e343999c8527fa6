import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

/// `caseload apply FILE`: history written by a script or carried over from another system, as one step.
struct ApplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Write records from a JSON Lines file (one step; `caseload undo` takes it back).",
    discussion: """
      Each line is a JSON object: {"new": {...}, "as": "name"} adds a pupil; {"pupil": "name, id or UPN", \
      "<step>": ...} records one step (startSENSupport, cycle, log, recordReview, recordHeldEHCPlan, …) with \
      dates as YYYY-MM-DD; {"school": {...}} sets the school's details. Every line is checked by the same \
      rules as the screens; a bad line is reported with its number and nothing is saved. The README lists \
      the steps and a worked example.
      """)

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("The JSON Lines file.", valueName: "file.jsonl")) var file: String
  @Flag(help: "Check the file and show what it would change; save nothing.") var dryRun = false
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    var clock = PhaseClock()
    let data = try MISImportCommand.readFile(file, what: "the file to apply")
    // A dry run needs no store: with none yet, it checks the file against an empty one, thrown away after.
    let storeMissing = Session.dryRunWithoutStore(global, dryRun: dryRun)
    let scratch = storeMissing ? try Self.scratchStore() : nil
    defer { scratch.map { try? FileManager.default.removeItem(atPath: $0.folder) } }
    let session = scratch == nil ? try Session.open(global, create: !dryRun) : nil
    defer { session?.close() }
    guard let store = session?.store ?? scratch?.store else { return }
    let today = session?.today ?? global.today.flatMap { Day(iso: $0) } ?? Session.systemToday()
    clock.mark("open")
    let name = (file as NSString).lastPathComponent
    let script: ApplyScript
    do {
      script = try ApplyScript.read(
        data, store: store, today: today, settings: try store.settings(today: today).value)
    } catch let error as ApplyScript.LineError {
      throw CLIError("\(name), \(error)")
    }
    clock.mark("read")
    let saved = dryRun ? nil : try script.save(to: store, file: name, today: today)
    clock.mark("save")
    if json {
      return try JSON.print(ApplyReport(script, file: name, dryRun: dryRun, saved: saved))
    }
    var out = Output()
    if dryRun {
      out.heading("\(script.summary(file: name)) — a dry run: nothing has been saved")
    } else if let saved {
      out.heading("\(saved.summary) — saved as one step; `caseload undo` takes it back")
    } else {
      out.heading("\(name): nothing to apply")
    }
    for t in script.targets {
      let who = t.builder.built.map { "\($0.displayName) (\(t.id.rawValue))" } ?? t.id.rawValue
      out.line(
        "  \(t.isNew ? "new    " : "changed") \(who): \(t.lines) line\(t.lines == 1 ? "" : "s")")
    }
    for warning in saved?.warnings ?? [] { out.line(out.warn(warning)) }
    out.flush()
  }
}

extension ApplyCommand {
  /// An empty private store in a folder of its own, for a dry run before there is a store.
  static func scratchStore() throws -> (store: Store, folder: String) {
    let folder = NSTemporaryDirectory() + "caseload-apply-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    return (try Store.open(at: folder + "/dry-run.sqlite", create: true), folder)
  }
}

/// `caseload apply --json`.
struct ApplyReport: Encodable {
  struct PupilLine: Encodable {
    var id: String
    var name: String
    var new: Bool
    var lines: Int
  }
  var file: String
  var lines: Int
  var new: Int
  var changed: Int
  var pupils: [PupilLine]
  var saved: Bool
  var step: String?

  init(_ script: ApplyScript, file: String, dryRun: Bool, saved: StepRecord?) {
    self.file = file
    lines = script.lineCount
    new = script.newCount
    changed = script.changedCount
    pupils = script.targets.map {
      PupilLine(
        id: $0.id.rawValue, name: $0.builder.built?.displayName ?? "", new: $0.isNew,
        lines: $0.lines)
    }
    self.saved = saved != nil
    step = saved?.summary
  }
}
