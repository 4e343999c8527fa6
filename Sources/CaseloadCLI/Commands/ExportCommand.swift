import ArgumentParser
import CaseloadCore
import CaseloadExchange
import CaseloadStore
import CaseloadText
import Foundation

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Plans for parents, review meeting records, EHC evidence packs, the register, the provision map and full backups.",
    discussion: """
      Without --output the export is printed; with it, it is written to that file (readable by you alone) \
      and stderr says where it went. Plans, meeting records, evidence packs and the provision map come from \
      templates a school can override in $XDG_CONFIG_HOME/caseload/templates/ (~/.config/caseload/templates/).
      """,
    subcommands: [
      ExportPlanCommand.self, ExportMeetingCommand.self, ExportEvidenceCommand.self,
      ExportRegisterCommand.self, ExportProvisionMapCommand.self, ExportPupilCommand.self,
      ExportAllCommand.self, ExportCalendarCommand.self,
    ]
  )
}

/// `--output FILE`: where an export goes instead of stdout.
struct ExportDestination: ParsableArguments {
  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write to this file (0600) instead of printing.", valueName: "file"))
  var output: String?

  /// Prints `data`, or writes it to the file and says where on stderr.
  func deliver(_ data: Data, what: String) throws {
    try deliver(what: what) { write in try write(data) }
  }

  func deliver(what: String, _ body: (_ write: (Data) throws -> Void) throws -> Void) throws {
    guard let output else {
      try body { FileHandle.standardOutput.write($0) }
      return
    }
    let path = URL(fileURLWithPath: output).standardizedFileURL.path
    try exporting { try ExportFile.write(to: path, body) }
    Output.say("Wrote \(what) to \(path)", error: true)
  }
}

/// Turns the exports' problems into the one-line messages every command gives (exit 1).
func exporting<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let problem as ExportProblem {
    throw CLIError(problem.description)
  } catch let problem as Templates.Problem {
    throw CLIError(problem.description)
  }
}

/// The options of the exports about one pupil.
struct PupilExportOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp("A pupil: id (or its first characters), UPN or name.", valueName: "pupil"))
  var pupil: String
}

func checkFormat(_ format: ExportFormat, _ allowed: [ExportFormat]) throws {
  guard allowed.contains(format) else {
    throw ValidationError(
      "--format \(format.rawValue) is not offered here; use \(allowed.map(\.rawValue).joined(separator: " or "))."
    )
  }
}

/// Renders one pupil's document and delivers it: what the plan, meeting and evidence exports share.
/// `what` names it in the line saying where the file went ("the evidence pack for" and the pupil's name).
func exportPupilDocument(
  _ global: Caseload, _ query: String, to destination: ExportDestination, what: String,
  seen: String, render: (Pupil, SchoolSettings, Day) throws -> String
) throws {
  let session = try Session.open(global)
  defer { session.close() }
  let pupil = try session.loadPupil(query, seen: seen).value
  let settings = try session.settings()
  let text = try exporting { try render(pupil, settings, session.today) }
  try destination.deliver(Data(text.utf8), what: "\(what) \(pupil.displayName)")
}

struct ExportPlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract:
      "The pupil's current SEN support plan for parents, in plain language (HTML prints on A4).")
  @ParentCommand var global: Caseload
  @OptionGroup var target: PupilExportOptions
  @Option(help: "md or html.") var format: ExportFormat = .md
  @OptionGroup var destination: ExportDestination

  func validate() throws { try checkFormat(format, [.md, .html]) }

  func run() throws {
    try exportPupilDocument(
      global, target.pupil, to: destination, what: "the SEN support plan for",
      seen: "export plan"
    ) {
      try Export.plan($0, settings: $1, today: $2, format: format)
    }
  }
}

struct ExportMeetingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meeting",
    abstract:
      "The record of the pupil's last review meeting: who was there, ratings, views, decision, actions, next review."
  )
  @ParentCommand var global: Caseload
  @OptionGroup var target: PupilExportOptions
  @Option(help: "md or html.") var format: ExportFormat = .md
  @OptionGroup var destination: ExportDestination

  func validate() throws { try checkFormat(format, [.md, .html]) }

  func run() throws {
    try exportPupilDocument(
      global, target.pupil, to: destination, what: "the review meeting record for",
      seen: "export meeting"
    ) {
      try Export.meeting($0, settings: $1, today: $2, format: format)
    }
  }
}

struct ExportEvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence",
    abstract:
      "The graduated-response evidence pack for an EHC needs-assessment request, addressed to the LA's SEND team."
  )
  @ParentCommand var global: Caseload
  @OptionGroup var target: PupilExportOptions
  @Option(help: "md or html.") var format: ExportFormat = .md
  @OptionGroup var destination: ExportDestination

  func validate() throws { try checkFormat(format, [.md, .html]) }

  func run() throws {
    try exportPupilDocument(
      global, target.pupil, to: destination, what: "the evidence pack for",
      seen: "export evidence"
    ) {
      try Export.evidence($0, settings: $1, today: $2, format: format)
    }
  }
}

struct ExportRegisterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "register",
    abstract:
      "The SEN register for the census, one row per pupil: UPN, names, date of birth, year, SEN provision code, needs."
  )
  @ParentCommand var global: Caseload
  @Option(help: "csv.") var format: ExportFormat = .csv
  @OptionGroup var destination: ExportDestination

  func validate() throws { try checkFormat(format, [.csv]) }

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let pupils = try session.store.allPupils().map(\.value)
    let data = try exporting { try Export.register(pupils, today: session.today) }
    try destination.deliver(data, what: "the SEN register")
  }
}

struct ExportProvisionMapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "provision-map",
    abstract: "Every intervention in the current plans, its pupils and its cost per pupil.")
  @ParentCommand var global: Caseload
  @Option(help: "csv or md.") var format: ExportFormat = .csv
  @OptionGroup var destination: ExportDestination

  func validate() throws { try checkFormat(format, [.csv, .md]) }

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let pupils = try session.store.allPupils().map(\.value)
    let data = try exporting {
      try Export.provisionMap(
        pupils, settings: try session.settings(), today: session.today, format: format)
    }
    try destination.deliver(data, what: "the provision map")
  }
}

struct ExportPupilCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pupil",
    abstract:
      "Everything held about one pupil, with the history of every change, as JSON (for a subject access request)."
  )
  @ParentCommand var global: Caseload
  @OptionGroup var target: PupilExportOptions
  @Flag(help: "JSON (the only format).") var json = false
  @OptionGroup var destination: ExportDestination

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let pupil = try session.loadPupil(target.pupil, seen: "export pupil").value
    try destination.deliver(what: "everything held about \(pupil.displayName)") { write in
      try exporting {
        try Export.writePupilRecord(pupil.id, store: session.store, today: session.today) {
          try write(JSONText.neutralised($0))
        }
      }
    }
  }
}

struct ExportAllCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "all",
    abstract:
      "The whole store as JSON: settings, every record with its version, every step and event. `caseload import all` restores it."
  )
  @ParentCommand var global: Caseload
  @Flag(help: "JSON (the only format).") var json = false
  @OptionGroup var destination: ExportDestination

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let pupils = try session.store.pupilCount()
    try destination.deliver(
      what: "a full backup (\(pupils) pupil\(pupils == 1 ? "" : "s"), history included)"
    ) { write in
      try withoutActuallyEscaping(write) { try Export.all(session.store, to: $0) }
    }
  }
}

struct ExportCalendarCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calendar",
    abstract:
      "The agenda as an iCalendar file for Outlook or Google Calendar: one all-day event per item.",
    discussion: """
      Missed items and those due within --within. Calendars are shared, so each event names the pupil by \
      initials and year group and says only what kind of item it is; --names gives full names and the words \
      entered. Importing a newer file updates the events it has already added.
      """)
  @ParentCommand var global: Caseload
  @Option(
    help: ArgumentHelp("Items due within this long: 28d, 6w, 3m or all.", valueName: "time"))
  var within = "3m"
  @Flag(help: "Full names and the words entered (for a calendar only you can see).") var names =
    false
  @OptionGroup var destination: ExportDestination

  func validate() throws { try DueCommand.checkWindow(within) }

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let items = try session.agenda(withinDays: DueList.window(within) ?? nil)
    let data = CalendarExport.ics(items, names: names, today: session.today, stamp: Date())
    try destination.deliver(data, what: "the agenda (\(items.count) events)")
  }
}
