import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadTUI
import Foundation

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Counts, reviews due, EHC deadlines, escalation candidates and parent meetings, as of today.")

  @ParentCommand var global: Caseload
  @Flag(help: "Print JSON (shape in the README).") var json = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    try Self.print(session: session, json: json)
  }

  static func print(session: Session, json: Bool) throws {
    var clock = PhaseClock()
    let settings = try session.settings()
    let facts = try session.store.statusFacts(
      today: session.today, expectedMeetings: settings.parentMeetingsPerYear)
    clock.mark("facts")
    let report = StatusReport(facts: facts, today: session.today, settings: settings)
    clock.mark("report")
    if json { return try JSON.print(report) }
    var out = Output()
    render(report, school: settings.schoolName, shared: try session.store.sharedNames(), into: &out)
    clock.mark("render")
    out.flush()
    clock.mark("write")
  }

  static func render(_ r: StatusReport, school: String, shared: Set<String>, into out: inout Output)
  {
    let termText = r.term.map { ", \($0) term" } ?? ""
    out.heading(
      "Caseload status\(school.isEmpty ? "" : " — \(school)") — \(r.today.weekdayName) \(r.today.british) (school year \(r.schoolYear)\(termText))"
    )
    out.line()
    out.line(
      "Pupils: \(r.pupils) — SEN support (K) \(r.census["K"] ?? 0), EHC plan (E) \(r.census["E"] ?? 0), no SEN (N) \(r.census["N"] ?? 0), of whom monitored \(r.monitoring)"
    )
    let s = r.stages
    out.line(
      "Stages: assess \(s["assess"] ?? 0), plan \(s["plan"] ?? 0), do \(s["do"] ?? 0), review \(s["review"] ?? 0), between cycles \(s["none"] ?? 0)"
    )
    func name(_ p: StatusReport.PupilRef) -> String {
      shared.contains(p.name) ? "\(p.name) (born \(p.dateOfBirth.british))" : p.name
    }
    func section(_ title: String, _ items: [StatusReport.DueItem], showTitle: Bool) {
      out.line()
      out.heading("\(title) (\(items.count))")
      guard !items.isEmpty else { return out.line("  none") }
      var table = Table()
      for i in items {
        let when = i.days < 0 ? out.warn(i.days.daysPhrase) : i.days.daysPhrase
        var row = [name(i.pupil), i.pupil.year]
        if showTitle { row.append(i.title) }
        row += [i.due.british, when]
        table.add(row)
      }
      table.render().forEach { out.line($0) }
    }
    section("Reviews overdue", r.reviewsOverdue, showTitle: false)
    section(
      "Reviews due in the next \(StatusReport.reviewWindowDays) days", r.reviewsDueSoon,
      showTitle: false)
    section("EHC deadlines overdue", r.ehcOverdue, showTitle: true)
    section(
      "EHC deadlines in the next \(StatusReport.ehcWindowDays) days", r.ehcDueSoon, showTitle: true)
    out.line()
    out.heading(
      "Escalation candidates: two or more reviews with less than expected progress (\(r.escalationCandidates.count))"
    )
    if r.escalationCandidates.isEmpty { out.line("  none") }
    var table = Table()
    for e in r.escalationCandidates {
      table.add(name(e.pupil), e.pupil.year, "\(e.lessThanExpectedReviews) reviews")
    }
    table.render().forEach { out.line($0) }
    out.line()
    out.heading(
      "Fewer than \(r.parentMeetingsExpected) parent meetings this school year (\(r.fewParentMeetings.count))"
    )
    if r.fewParentMeetings.isEmpty { out.line("  none") }
    table = Table()
    for m in r.fewParentMeetings {
      table.add(name(m.pupil), m.pupil.year, "\(m.meetings) meeting\(m.meetings == 1 ? "" : "s")")
    }
    table.render().forEach { out.line($0) }
  }

  /// Names held by more than one pupil: those get their date of birth beside them wherever they are shown.
  static func sharedNames(_ summaries: [PupilSummary]) -> Set<String> {
    var count: [String: Int] = [:]
    for s in summaries { count[s.displayName, default: 0] += 1 }
    return Set(count.filter { $0.value > 1 }.keys)
  }
}
