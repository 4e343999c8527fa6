import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The overview of a pupil: what `caseload show` prints and the pupil screen shows.
public struct PupilSheet {
  public var pupil: Pupil
  public var today: Day
  public var settings: SchoolSettings
  public var history: [HistoryEntry]

  public init(pupil: Pupil, today: Day, settings: SchoolSettings, history: [HistoryEntry]) {
    self.pupil = pupil
    self.today = today
    self.settings = settings
    self.history = history
  }

  public func render(into out: inout Output) {
    let p = pupil
    out.heading(p.nameWithLegal)
    var facts = [
      "born \(p.dateOfBirth.british) (age \(p.age(on: today)))",
      p.yearGroup(on: today).title,
    ]
    if let g = p.registrationGroup { facts.append("class \(g)") }
    if let upn = p.upn { facts.append("UPN \(upn)") }
    facts.append("id \(p.id)")
    out.line("  " + facts.joined(separator: ", "))
    if let left = p.left {
      out.line("  " + out.warn("Left on \(left.british); the record is read-only."))
    }
    out.line()
    out.heading("SEN status")
    if let open = p.openPeriod {
      var line =
        "  \(open.status.title) (census \(open.status.censusCode.rawValue)) since \(open.start.british)"
      if open.status == .senSupport {
        line +=
          open.parentsInformed.map { "; parents told \($0.british)" } ?? "; "
          + out.warn("parents not yet told")
      }
      if let place = p.specialistProvision { line += "; a place in the \(place.title)" }
      out.line(line)
    } else {
      out.line("  no SEN (census N)")
    }
    if !p.needs.isEmpty {
      for (i, n) in p.needs.enumerated() {
        out.line("  \(i == 0 ? "Primary" : "Secondary") need: \(n.rawValue) — \(n.meaning)")
      }
    }
    if let plan = p.ehc.plan, plan.ceased == nil {
      let by = plan.held.map { " by \($0.authority) (held before Caseload)" } ?? ""
      out.line("  EHC plan issued \(plan.issued.british)\(by)")
    }
    if let refusal = p.ehc.refusalText(on: today) { out.line("  " + refusal) }
    let closed = p.senPeriods.filter { !$0.isOpen }
    if !closed.isEmpty {
      out.line(
        "  Earlier: "
          + closed.map { "\($0.status.title) \($0.start.british)–\($0.end?.british ?? "")" }.joined(
            separator: "; "))
    }
    renderCycle(into: &out)
    renderDeadlines(into: &out)
    out.line()
    out.heading("Contacts")
    if p.contacts.isEmpty { out.line("  none recorded") }
    for c in p.contacts {
      let ways = [c.phone, c.email].compactMap { $0 }.joined(separator: ", ")
      out.line("  \(c.name) (\(c.relationship))\(ways.isEmpty ? "" : ": \(ways)")")
    }
    out.line()
    let meetings = p.parentMeetings(schoolYearOf: today)
    let expected = settings.parentMeetingsPerYear
    let meetingText =
      meetings >= expected
      ? "\(meetings) parent meeting\(meetings == 1 ? "" : "s") this school year (\(expected) expected: met)"
      : "\(meetings) of \(expected) parent meetings this school year"
    let pace = MeetingPace(today: today, settings: settings)
    let behind = pace.item(for: p).map { $0.due < today } ?? false
    out.heading("Concerns and contacts — " + (behind ? out.warn(meetingText) : meetingText))
    if p.chronology.isEmpty { out.line("  none recorded") }
    var table = Table()
    table.wrapping = [2: 30]
    for e in p.chronology.suffix(6) {
      table.add(e.date.british, e.kind.title, e.who, Text.excerpt(e.summary, length: 50))
    }
    table.render().forEach { out.line($0) }
    out.line()
    out.heading("Last changes")
    table = Table()
    for h in history { table.add(h.localTime, h.actor, Text.excerpt(h.summary, length: 60)) }
    table.render().forEach { out.line($0) }
  }

  private func renderCycle(into out: inout Output) {
    guard let c = pupil.currentCycle else { return }
    out.line()
    let stages = Stage.allCases.compactMap { s in c.entered(s).map { "\(s.rawValue) \($0.british)" }
    }
    let state = c.closed.map { "reviewed \($0.british)" } ?? "at \(c.stage.title.lowercased())"
    out.heading("Cycle \(c.id) of \(pupil.cycles.count) — \(state)")
    out.line("  " + stages.joined(separator: " → "))
    if let r = c.plan.reviewDate { out.line("  Review date: \(r.british) (\(r.weekdayName))") }
    if let a = c.plan.agreement { out.line("  Agreed by \(a.agreedBy) on \(a.on.british)") }
    for (i, o) in c.plan.outcomes.enumerated() {
      let rating = c.review?.rating(for: o.id).map { " — \($0.title)" } ?? ""
      let target = o.targetDate.map { " (by \($0.british))" } ?? ""
      out.line("  \(i + 1). \(Text.excerpt(o.text, length: 70))\(target)\(rating)")
    }
    for v in c.plan.provision {
      out.line(
        "  • \(v.intervention): \(v.sessionsPerWeek)×\(v.minutesPerSession) min a week, group of \(v.groupSize), \(v.weeks) weeks — \(v.costPerPupil)"
      )
    }
    if !c.plan.provision.isEmpty {
      let year = pupil.provisionCost(schoolYearOf: today)
      let over =
        year > settings.notionalThreshold ? " — " + out.warn("above the notional threshold") : ""
      out.line(
        "  Plan cost \(c.plan.totalCost); this school year \(year) of \(settings.notionalThreshold) notional\(over)"
      )
    }
    if let r = c.review {
      out.line(
        "  Review \(r.date.british): progress \(r.progress.title); decision: \(r.decision.title)")
    }
  }

  /// The pupil's agenda (what is open, `d` ticks off what was entered) and what was met in the last 60 days.
  private func renderDeadlines(into out: inout Output) {
    // A leaver's record is closed: what was due stays in the history, not in a list of what is due.
    let transfers = settings.transferYears
    let open = pupil.agenda(
      on: today, pace: MeetingPace(today: today, settings: settings), transfers: transfers)
    let recent = pupil.deadlines(transfers: transfers).filter {
      !$0.status(on: today).isOpen && $0.due >= today.adding(days: -60)
    }
    let relevant =
      pupil.hasLeft
      ? [] : (open + recent).sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    guard !relevant.isEmpty else { return }
    out.line()
    out.heading("Dates")
    var table = Table()
    for d in relevant {
      let status = d.status(on: today)
      let text: String
      if case .missed = status {
        text = out.warn(status.description)
      } else {
        text = status.description
      }
      var what = d.title + (d.detail.isEmpty ? "" : " (\(d.detail))")
      if !d.owner.isEmpty { what += " — \(d.owner)" }
      table.add(d.due.british, Text.excerpt(what, length: 90), text)
    }
    table.render().forEach { out.line($0) }
  }
}
