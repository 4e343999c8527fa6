import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List pupils, with filters; leavers only with --leavers.")

  @ParentCommand var global: Caseload
  @Option(help: ArgumentHelp("Year group: R, 1…13 or Y7; repeatable.", valueName: "year")) var year:
    [String] = []
  @Option(
    help: ArgumentHelp("Census code N, K or E, or 'monitoring'; repeatable.", valueName: "code"))
  var code: [String] = []
  @Option(
    help: ArgumentHelp(
      "Need type (SPLD, ASD, …) or area (semh, cognition-and-learning, …).", valueName: "need"))
  var need: [String] = []
  @Option(help: ArgumentHelp("APDR stage: assess, plan, do or review.", valueName: "stage"))
  var stage: [String] = []
  @Option(
    help: ArgumentHelp("Something due within this many days (overdue included).", valueName: "days")
  )
  var due: Int?
  @Flag(help: "Only pupils with something overdue.") var overdue = false
  @Flag(help: "Include pupils who have left.") var leavers = false
  @Option(help: ArgumentHelp("Words to find in names or UPN.", valueName: "text")) var search:
    String?
  @Flag(help: "Print JSON.") var json = false

  struct Row: Encodable {
    var id: String
    var name: String
    var legalName: String
    var dateOfBirth: Day
    var year: String
    var upn: String?
    var code: String
    var monitoring: Bool
    var primaryNeed: String?
    var secondaryNeed: String?
    var stage: String?
    var nextDue: Day?
    var nextDueWhat: String?
    var daysToNextDue: Int?
    var flags: [String]
    var left: Day?
  }

  func filter() throws -> CaseloadFilter {
    var f = CaseloadFilter(includeLeavers: leavers, search: search ?? "")
    for y in year {
      guard let g = YearGroup(typed: y) else {
        throw ValidationError("--year \(y): use R, N, 1 to 13, or Y7.")
      }
      f.years.insert(g.number)
    }
    for c in code {
      if c.lowercased() == "monitoring" {
        f.monitoringOnly = true
      } else if let parsed = CensusCode(rawValue: c.uppercased()) {
        f.codes.insert(parsed)
      } else {
        throw ValidationError("--code \(c): use N, K, E or monitoring.")
      }
    }
    for n in need {
      if let t = NeedType(code: n) {
        f.needs.insert(t)
      } else if let a = NeedArea(rawValue: n.lowercased()) {
        f.areas.insert(a)
      } else {
        throw ValidationError(
          "--need \(n): use a need type (\(NeedType.allCases.map(\.rawValue).joined(separator: ", "))) or an area (\(NeedArea.allCases.map(\.rawValue).joined(separator: ", ")))."
        )
      }
    }
    for s in stage {
      guard let parsed = Stage(rawValue: s.lowercased()) else {
        throw ValidationError("--stage \(s): use assess, plan, do or review.")
      }
      f.stages.insert(parsed)
    }
    if let due, due < 0 { throw ValidationError("--due takes a number of days, 0 or more.") }
    f.dueWithinDays = due
    f.overdueOnly = overdue
    return f
  }

  func run() throws {
    let f = try filter()
    let session = try Session.open(global)
    defer { session.close() }
    let today = session.today
    let settings = try session.settings()
    let all = try session.store.summaries(includeLeavers: true)
    let shared = StatusCommand.sharedNames(all)
    let urgency = Urgency(today: today, settings: settings)
    let matcher = f.matcher(urgency)
    let rows = all.filter { matcher.matches($0, searchKey: SearchWords.plainKey($0.searchKey)) }.map
    {
      s -> Row in
      let next = urgency.next(s)
      return Row(
        id: s.id.rawValue, name: s.displayName, legalName: s.legalName, dateOfBirth: s.dateOfBirth,
        year: s.yearGroup(on: today).description, upn: s.upn, code: s.censusCode.rawValue,
        monitoring: s.status == .monitoring, primaryNeed: s.primaryNeed?.rawValue,
        secondaryNeed: s.secondaryNeed?.rawValue, stage: s.stage?.rawValue, nextDue: next?.due,
        nextDueWhat: next?.kind.title, daysToNextDue: next.map { today.days(until: $0.due) },
        flags: urgency.flags(s).map(\.rawValue),
        left: s.left)
    }
    if json { return try JSON.print(rows) }
    var out = Output()
    var table = Table()
    table.add("Name", "Year", "Code", "Need", "Stage", "Next due", "", "Flags")
    for r in rows {
      var name = r.name == r.legalName ? r.name : "\(r.name) (\(r.legalName))"
      if shared.contains(r.name) { name += ", born \(r.dateOfBirth.british)" }
      if let left = r.left { name += " — left \(left.british)" }
      let due = r.nextDue.map(\.british) ?? "—"
      let days = r.daysToNextDue.map { $0 < 0 ? out.warn($0.daysPhrase) : $0.daysPhrase } ?? ""
      table.add(
        name, r.year, r.monitoring ? "mon" : r.code,
        [r.primaryNeed, r.secondaryNeed].compactMap { $0 }.joined(separator: "/"), r.stage ?? "—",
        due, days,
        r.flags.joined(separator: " "))
    }
    let lines = table.render(indent: "")
    if let header = lines.first { out.line(out.style(header, "1")) }
    lines.dropFirst().forEach { out.line($0) }
    out.line(out.dim("\(rows.count) pupil\(rows.count == 1 ? "" : "s")"))
    out.flush()
  }
}
