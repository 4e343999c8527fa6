import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadTUI
import Foundation

struct DueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "due",
    abstract: "Every missed and upcoming plan review and EHC deadline, soonest first.")

  @ParentCommand var global: Caseload
  @Option(
    help: ArgumentHelp(
      "Upcoming within this long: 28d, 6w, 3m or all (missed ones always show).", valueName: "time")
  )
  var within = "28d"
  @Flag(help: "Print JSON.") var json = false

  struct Report: Encodable {
    var today: Day
    var withinDays: Int?
    var items: [DueItem]
  }

  func validate() throws {
    guard DueList.window(within) != nil else {
      throw ValidationError(
        "--within \(within): write a number of days (28 or 28d), weeks (6w), months (3m) or all.")
    }
  }

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let days = DueList.window(within)!
    let items = DueList.items(
      deadlines: try session.store.openDeadlines(
        dueBy: days.map { session.today.adding(days: $0) }),
      pupils: try session.store.summaries(), today: session.today, withinDays: days)
    if json { return try JSON.print(Report(today: session.today, withinDays: days, items: items)) }
    var out = Output()
    let span = days.map { "in the next \($0) days" } ?? "from now on"
    out.heading("Due \(span), and missed — \(session.today.weekdayName) \(session.today.british)")
    guard !items.isEmpty else {
      out.line("  Nothing is due \(span) and nothing has been missed.")
      return out.flush()
    }
    let shared = try session.store.sharedNames()
    var table = Table()
    for i in items {
      let name = shared.contains(i.name) ? "\(i.name) (born \(i.dateOfBirth.british))" : i.name
      let what = i.detail.isEmpty ? i.what : "\(i.what) (\(i.detail))"
      table.add(i.due.british, i.days < 0 ? out.warn(i.status) : i.status, name, i.year, what)
    }
    table.render().forEach { out.line($0) }
    out.flush()
  }
}
