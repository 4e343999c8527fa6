import ArgumentParser
import CaseloadCore
import CaseloadExchange
import CaseloadStore
import CaseloadText
import Foundation

struct DueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "due",
    abstract:
      "The agenda: every missed and upcoming review, EHC date, follow-up, action, provision ending and term's meeting with parents, soonest first."
  )

  @ParentCommand var global: Caseload
  @Option(
    help: ArgumentHelp(
      "Upcoming within this long: 28d, 6w, 3m or all (missed ones always show).", valueName: "time")
  )
  var within = "28d"
  @Flag(help: "Print JSON.") var json = false

  func validate() throws { try Self.checkWindow(within) }

  /// `--within` as `due` and `export calendar` read it.
  static func checkWindow(_ within: String) throws {
    guard DueList.window(within) != nil else {
      throw ValidationError(
        "--within \(within): write a number of days (28 or 28d), weeks (6w), months (3m) or all.")
    }
  }

  func run() throws {
    // The window was checked by validate().
    let session = try Session.open(global)
    defer { session.close() }
    let days = DueList.window(within) ?? nil
    var clock = PhaseClock()
    let items = try session.agenda(withinDays: days, clock: &clock)
    if json {
      var out = JSONLines(items: items.count)
      out.raw("{\n  \"items\" : [\n")
      for (n, item) in items.enumerated() {
        out.raw(n == 0 ? "    " : ",\n    ")
        out.item(item)
      }
      out.raw(items.isEmpty ? "  ],\n" : "\n  ],\n")
      out.raw("  \"today\" : ")
      out.string(session.today.iso)
      out.raw(days.map { ",\n  \"withinDays\" : \($0)\n}\n" } ?? "\n}\n")
      FileHandle.standardOutput.write(JSONText.neutralised(Data(out.bytes)))
      return clock.mark("json")
    }
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
      let p = i.pupil
      let name = shared.contains(p.name) ? "\(p.name) (born \(p.dateOfBirth.british))" : p.name
      var what = i.detail.isEmpty ? i.title : "\(i.title) (\(i.detail))"
      if let owner = i.owner { what += " — \(owner)" }
      table.add(i.due.british, i.days < 0 ? out.warn(i.state) : i.state, name, p.year, what)
    }
    table.render().forEach { out.line($0) }
    out.flush()
  }
}

extension Session {
  /// The school's agenda on the session's day: missed items, and the rest due within `withinDays` (all when nil).
  func agenda(withinDays: Int?) throws -> [AgendaItem] {
    var clock = PhaseClock()
    return try agenda(withinDays: withinDays, clock: &clock)
  }

  func agenda(withinDays: Int?, clock: inout PhaseClock) throws -> [AgendaItem] {
    let urgency = Urgency(today: today, settings: try settings())
    clock.mark("settings")
    let rows = try store.openDeadlines(
      on: today, dueBy: withinDays.map { today.adding(days: $0) })
    clock.mark("agenda rows")
    let pupils = try store.agendaPupils()
    clock.mark("summaries")
    let items = DueList.items(
      deadlines: rows, pupils: pupils, urgency: urgency, withinDays: withinDays)
    clock.mark("items")
    return items
  }
}
