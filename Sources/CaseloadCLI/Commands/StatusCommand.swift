import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Counts, reviews due, EHC deadlines, escalation candidates and parent meetings, as of today.")

  @ParentCommand var global: Caseload
  @Flag(help: "Print JSON (shape in the README).") var json = false
  @Flag(help: "Every line of each section, not only the ten most urgent.") var all = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    try Self.print(session: session, json: json, all: all)
  }

  /// Lines a section shows without --all: with six sections the report stays within 80 lines.
  static let shownPerSection = 10

  static func print(session: Session, json: Bool, all: Bool = false) throws {
    var clock = PhaseClock()
    let settings = try session.settings()
    // Only pupils behind on meetings are read: fewer than the terms that have ended call for.
    let facts = try session.store.statusFacts(
      today: session.today,
      expectedMeetings: MeetingPace(today: session.today, settings: settings).requiredByNow)
    clock.mark("facts")
    let report = StatusReport(
      facts: facts, today: session.today, settings: settings,
      limit: json || all ? nil : shownPerSection)
    clock.mark("report")
    if json { return try JSON.print(report) }
    var out = Output()
    render(
      report, school: settings.schoolName, shared: try session.store.sharedNames(),
      limit: all ? nil : shownPerSection, into: &out)
    clock.mark("render")
    out.flush()
    clock.mark("write")
  }

  static func render(
    _ r: StatusReport, school: String, shared: Set<String>, limit: Int? = nil,
    into out: inout Output
  ) {
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
    /// The heading names how many there are and how many are shown, so a long list costs one line.
    func heading(_ title: String, count: Int) {
      out.line()
      if let limit, count > limit {
        out.heading(
          "\(title) (\(count); the \(limit) most urgent — `caseload status --all` for every one)")
      } else {
        out.heading("\(title) (\(count))")
      }
    }
    func shown<T>(_ items: [T]) -> ArraySlice<T> { items.prefix(limit ?? items.count) }
    func section(_ title: String, _ items: [AgendaItem], _ size: String) {
      heading(title, count: r.sizes[size] ?? items.count)
      guard !items.isEmpty else { return out.line("  none") }
      var table = Table()
      for i in shown(items) {
        let when = i.days < 0 ? out.warn(i.days.daysPhrase) : i.days.daysPhrase
        var what = i.title
        if let owner = i.owner { what += " — \(owner)" }
        table.add(name(i.pupil), i.pupil.year, what, i.due.british, when)
      }
      table.render().forEach { out.line($0) }
    }
    section("Overdue: reviews, follow-ups, actions and provision endings", r.overdue, "overdue")
    section("Due in the next \(StatusReport.dueSoonDays) days", r.dueSoon, "dueSoon")
    section("EHC deadlines overdue", r.ehcOverdue, "ehcOverdue")
    section(
      "EHC deadlines in the next \(StatusReport.ehcWindowDays) days", r.ehcDueSoon, "ehcDueSoon")
    heading(
      "Escalation candidates: two or more reviews with less than expected progress",
      count: r.escalationCandidates.count)
    if r.escalationCandidates.isEmpty { out.line("  none") }
    var table = Table()
    for e in shown(r.escalationCandidates) {
      table.add(name(e.pupil), e.pupil.year, "\(e.lessThanExpectedReviews) reviews")
    }
    table.render().forEach { out.line($0) }
    heading(
      "Behind on meetings with parents (SEN support, \(r.parentMeetingsExpected) a year)",
      count: r.sizes["behindOnParentMeetings"] ?? r.behindOnParentMeetings.count)
    if r.behindOnParentMeetings.isEmpty { out.line("  none") }
    table = Table()
    for m in shown(r.behindOnParentMeetings) {
      table.add(name(m.pupil), m.pupil.year, m.detail, "since \(m.due.british)")
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
