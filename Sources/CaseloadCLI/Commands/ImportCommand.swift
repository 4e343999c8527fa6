import ArgumentParser
import CaseloadCore
import CaseloadExchange
import CaseloadStore
import CaseloadText
import Foundation

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Bring pupils in from the school's MIS, or restore a full backup into an empty store.",
    subcommands: [MISImportCommand.self, ImportAllCommand.self])
}

struct MISImportCommand: ParsableCommand {
  /// The command line's ways to name columns and to say there is no SEN column, for the import's messages.
  static let remedies = ImportRemedies(
    mapping: "with --mapping FILE", noSENColumn: "import with --no-sen-column")

  static let configuration = CommandConfiguration(
    commandName: "mis",
    abstract: "Import pupils from a CSV exported from the school's MIS (SIMS, Arbor, Bromcom).",
    discussion: """
      Headers are recognised in their usual spellings (UPN, Legal Surname, Legal Forename, Preferred \
      Forename, DOB, Year, Reg Group, SEN Provision, Primary Need, Secondary Need, Admission Date, Leaving \
      Date, …); other layouts need --mapping. Pupils are matched by UPN, then by legal name and date of birth. \
      The import is one step (`caseload undo` takes it back); it never removes a pupil.
      A mapping file has one `field = Column Header` line per field (or is a JSON object of the same); the \
      fields are \(MISField.allCases.map(\.rawValue).joined(separator: ", ")).
      """)

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("The CSV file the MIS exported.", valueName: "file.csv"))
  var file: String
  @Flag(help: "Show what the import would do, and save nothing.") var dryRun = false
  @Option(
    help: ArgumentHelp(
      "A file naming the columns (`field = Column Header` lines, or JSON).", valueName: "file"))
  var mapping: String?
  @Flag(
    help:
      "The file has no SEN provision column: bring new pupils in as N (without it, they are not imported)."
  )
  var noSENColumn = false
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    var clock = PhaseClock()
    let data = try Self.readFile(file, what: "the MIS export")
    let map = try mapping.map { path in
      let bytes = try Self.readFile(path, what: "the mapping file")
      return try Self.importing { try MISMapping.parse(ImportText.decode(bytes).text) }
    }
    let name = (file as NSString).lastPathComponent
    // A dry run needs no store: with none yet, every row is new.
    let storeMissing = Session.dryRunWithoutStore(global, dryRun: dryRun)
    let session = storeMissing ? nil : try Session.open(global, create: !dryRun)
    defer { session?.close() }
    clock.mark("open")
    let today = session?.today ?? global.today.flatMap { Day(iso: $0) } ?? Session.systemToday()
    let plan = try Self.importing {
      try ImportPlan.make(
        data: data, fileName: name, mapping: map, noSENColumn: noSENColumn,
        remedies: Self.remedies, store: session?.store, today: today)
    }
    clock.mark("plan")
    var saved: StepRecord?
    if !dryRun, let store = session?.store {
      saved = try plan.apply(to: store)
      clock.mark("apply")
    }
    defer { clock.mark("report") }
    if json { return try JSON.print(plan.report(dryRun: dryRun, saved: saved?.summary)) }
    var out = Output()
    if dryRun {
      out.heading("Import of \(name) — a dry run: nothing has been saved")
    } else if let saved {
      out.heading("\(saved.summary) — saved as one step; `caseload undo` takes it back")
    } else {
      out.heading("Import of \(name): nothing to import, every pupil in the file is up to date")
    }
    if storeMissing {
      out.line("There is no store yet at \(Session.storePath(global)); every pupil would be new.")
    }
    for line in plan.reportLines() {
      if line.hasPrefix("Rejected (") {
        out.line(out.warn(line))
      } else if ["New (", "Changed (", "Warnings (", "In Caseload but"].contains(
        where: line.hasPrefix)
      {
        out.line(out.style(line, "1"))
      } else {
        out.line(line)
      }
    }
    for warning in saved?.warnings ?? [] { out.line(out.warn(warning)) }
    if dryRun, plan.hasChanges {
      out.line("")
      out.line("Run the same command without --dry-run to import.")
    }
    out.flush()
  }

  /// The file's bytes, or a one-line error naming it.
  static func readFile(_ path: String, what: String) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CLIError("There is no file \(path) (\(what)).")
    }
    guard !isDirectory.boolValue else { throw CLIError("\(path) is a folder, not \(what).") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("Caseload cannot read \(path) (\(what)); check that it is yours.")
    }
    return data
  }

  /// Runs `body`, turning an `ImportError` into the command line's one-line error.
  static func importing<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ImportError { throw CLIError(error.message) }
  }
}
