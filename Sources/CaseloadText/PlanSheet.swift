import CaseloadCore
import Foundation

/// The current SEN support plan of a pupil, every part of it: what `caseload plan` prints.
///
/// The plan is the one of the pupil's latest cycle, reviewed or not. Empty parts say so rather than vanish,
/// so a plan with gaps reads as unfinished, not as complete.
public struct PlanSheet {
  public var pupil: Pupil
  public var today: Day
  public var settings: SchoolSettings

  public init(pupil: Pupil, today: Day, settings: SchoolSettings) {
    self.pupil = pupil
    self.today = today
    self.settings = settings
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
    if let open = p.openPeriod {
      out.line(
        "  \(open.status.title) (census \(open.status.censusCode.rawValue)) since \(open.start.british)"
      )
    } else {
      out.line("  no SEN (census N)")
    }
    for (i, n) in p.needs.enumerated() {
      out.line("  \(i == 0 ? "Primary" : "Secondary") need: \(n.rawValue) — \(n.meaning)")
    }

    guard let c = p.currentCycle else {
      out.line()
      out.heading("SEN support plan")
      out.line(
        "  \(p.displayName) has no SEN support plan: no assess, plan, do, review cycle has been started."
      )
      return
    }
    out.line()
    let state = c.closed.map { "reviewed \($0.british)" } ?? "at \(c.stage.title.lowercased())"
    out.heading("SEN support plan — cycle \(c.id) of \(p.cycles.count), \(state)")
    let stages = Stage.allCases.compactMap { s in c.entered(s).map { "\(s.rawValue) \($0.british)" }
    }
    out.line("  " + stages.joined(separator: " → "))

    renderProfile(c.plan.profile, into: &out)
    renderOutcomes(c, into: &out)
    renderProvision(c, into: &out)

    out.line()
    out.heading("Classroom strategies and adjustments")
    if c.plan.strategies.isEmpty { out.line("  No strategies yet.") }
    for s in c.plan.strategies { paragraph(s, first: "  • ", into: &out) }

    out.line()
    out.heading("Who took part")
    if c.plan.participants.isEmpty { out.line("  No one recorded yet.") }
    var table = Table()
    for person in c.plan.participants {
      table.add(person.name.isEmpty ? "(no name)" : person.name, person.role.title)
    }
    table.render().forEach { out.line($0) }

    out.line()
    out.heading("Pupil voice")
    paragraph(c.plan.pupilVoice, first: "  ", empty: "Not recorded yet.", into: &out)
    out.line()
    out.heading("Parents' views")
    paragraph(c.plan.parentViews, first: "  ", empty: "Not recorded yet.", into: &out)

    renderAgreement(c, into: &out)

    out.line()
    out.heading("Staff training needs")
    paragraph(c.plan.trainingNeeds, first: "  ", empty: "None noted.", into: &out)
  }

  private func renderProfile(_ profile: PupilProfile, into out: inout Output) {
    out.line()
    out.heading("Pupil profile")
    let parts = [
      ("Strengths", profile.strengths), ("Needs", profile.needs), ("What works", profile.whatWorks),
      ("What does not work", profile.whatDoesNot),
    ]
    guard parts.contains(where: { !$0.1.isEmpty }) else {
      out.line("  No pupil profile yet.")
      return
    }
    for (label, text) in parts {
      paragraph(text, first: "  \(label): ", rest: "    ", empty: "not recorded", into: &out)
    }
  }

  private func renderOutcomes(_ c: Cycle, into out: inout Output) {
    out.line()
    out.heading("Outcomes")
    if c.plan.outcomes.isEmpty { out.line("  No outcomes yet.") }
    for (i, o) in c.plan.outcomes.enumerated() {
      let number = "  \(i + 1). "
      let indent = String(repeating: " ", count: number.count)
      paragraph(o.text, first: number, rest: indent, into: &out)
      out.line(indent + "Area of need: \(o.area.title)")
      paragraph(
        o.successCriteria, first: indent + "Success criteria: ", rest: indent + "  ",
        empty: "not set", into: &out)
      out.line(indent + "Target date: " + (o.targetDate?.british ?? "not set"))
      if o.carriedFrom != nil { out.line(indent + "Carried forward from the previous cycle") }
      if let review = c.review {
        if let rated = review.ratings.first(where: { $0.outcomeID == o.id }) {
          let note = rated.note.isEmpty ? "" : " — \(rated.note)"
          paragraph(
            rated.rating.title + note, first: indent + "Rating at review: ", rest: indent + "  ",
            into: &out)
        } else {
          out.line(indent + "Rating at review: not rated")
        }
      }
    }
  }

  private func renderProvision(_ c: Cycle, into out: inout Output) {
    out.line()
    out.heading("Provision")
    if c.plan.provision.isEmpty { out.line("  No provision yet.") }
    for (i, v) in c.plan.provision.enumerated() {
      let number = "  \(i + 1). "
      let indent = String(repeating: " ", count: number.count)
      out.line(number + v.intervention + (v.deliveredBy.isEmpty ? "" : ", by \(v.deliveredBy)"))
      out.line(indent + "\(v.scheduleText), \(v.groupText)")
      out.line(indent + "\(v.pricing): \(v.costPerPupil) per pupil (\(v.costSum))")
      if let problem = v.problem { out.line(indent + out.warn(problem)) }
    }
    if !c.plan.provision.isEmpty { out.line("  Plan total: \(c.plan.totalCost)") }
    let year = Self.schoolYearTotal(pupil, cycle: c, settings: settings)
    out.line("  \(year.total) (\(year.over ? out.warn(year.standing) : year.standing))")
  }

  /// The provision of the cycles begun in the school year of `cycle` against the notional threshold:
  /// "2026/27 total: £99.00 of the £6,000.00 notional threshold" and "£5,901.00 left", or how far above it.
  public static func schoolYearTotal(_ pupil: Pupil, cycle c: Cycle, settings: SchoolSettings)
    -> ThresholdStanding
  {
    pupil.thresholdStanding(for: c, settings: settings)
  }

  private func renderAgreement(_ c: Cycle, into out: inout Output) {
    out.line()
    out.heading("Agreement and review")
    if let a = c.plan.agreement {
      out.line("  Agreed by \(a.agreedBy) on \(a.on.british)")
    } else {
      out.line("  Not yet agreed with the parents and the pupil.")
    }
    if let date = c.plan.reviewDate {
      let overdue = !c.isClosed && date < today ? " — " + out.warn("overdue") : ""
      out.line("  Review date: \(DateEntry.describe(date, today: today))\(overdue)")
    } else {
      out.line("  No review date set.")
    }
    if let r = c.review {
      out.line(
        "  Reviewed \(r.date.british): progress \(r.progress.title); decision: \(r.decision.title)")
    }
  }

  /// Text that may run over several lines: the first after `first`, the others after `rest`.
  private func paragraph(
    _ text: String, first: String, rest: String? = nil, empty: String = "",
    into out: inout Output
  ) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard !text.isEmpty else {
      out.line(first + empty)
      return
    }
    let indent = rest ?? String(repeating: " ", count: first.count)
    for (i, line) in lines.enumerated() { out.line((i == 0 ? first : indent) + line) }
  }
}
