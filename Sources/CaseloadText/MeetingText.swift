import CaseloadCore

/// The words of a review meeting, shared by the meeting screens and the record printed afterwards: who was
/// there, the ratings, the views, the decision and what it sets in motion, the next review and the actions.
public enum MeetingText {
  /// The screens' titles, as "Screen 2 of 6 — Outcomes" names them.
  public static func title(_ screen: MeetingDraft.Screen) -> String {
    switch screen {
    case .present: return "Who is present"
    case .outcomes: return "Outcomes"
    case .views: return "Views"
    case .decision: return "The decision"
    case .next: return "Next review and actions"
    case .summary: return "Summary"
    }
  }

  /// "Screen 2 of 6 — Outcomes"
  public static func progress(_ screen: MeetingDraft.Screen) -> String {
    let all = MeetingDraft.Screen.allCases
    let n = (all.firstIndex(of: screen) ?? 0) + 1
    return "Screen \(n) of \(all.count) — \(title(screen))"
  }

  /// The roles offered when someone is added, in the order they usually come into the room.
  public static let roles: [ParticipantRole] = [
    .parentCarer, .pupil, .classTeacher, .senco, .teachingAssistant, .outsideProfessional, .other,
  ]

  /// "Aoife O'Brien (mother) — parent/carer", or the role alone when no name was given.
  public static func person(_ p: Participant) -> String {
    p.name.isEmpty ? p.role.title.capitalizedFirst : "\(p.name) — \(p.role.title)"
  }

  /// The keys that rate an outcome on the school's scale: 1, 2, 3 for achieved, partly, not yet; 1–5 for
  /// −2 … +2.
  public static func ratingKeys(_ scale: RatingScale) -> [(key: Int, rating: Rating)] {
    scale.ratings.enumerated().map { ($0.offset + 1, $0.element) }
  }

  /// "1 achieved · 2 partly achieved · 3 not yet achieved", or "1 = -2 · 2 = -1 · 3 = 0 · 4 = +1 · 5 = +2".
  public static func ratingLegend(_ scale: RatingScale) -> String {
    ratingKeys(scale).map { k, r in
      scale == .minusTwoToPlusTwo ? "\(k) = \(r.title)" : "\(k) \(r.title)"
    }.joined(separator: " · ")
  }

  /// The keys for progress, in the order asked.
  public static let progressKeys: [(key: Character, progress: Progress)] = [
    ("+", .betterThanExpected), ("=", .expected), ("-", .lessThanExpected),
  ]

  /// What a decision sets in motion for this pupil, in a sentence: what changes follow from where they stand
  /// now (monitoring, SEN support, an EHC plan).
  public static func explain(_ d: ReviewDecision, pupil: Pupil) -> String {
    switch d {
    case .continue: return "The next cycle starts, carrying forward the outcomes not achieved."
    case .stepUp:
      return pupil.status == .monitoring
        ? "Monitoring → SEN support (K), the parents told today; then the next cycle."
        : "The next cycle starts, to plan more or different provision."
    case .stepDown:
      switch pupil.status {
      case .senSupport?: return "SEN support → monitoring (no longer K); then the next cycle."
      case .monitoring?: return "Monitoring ends: off the register, no further cycle."
      default: return "The next cycle starts, with less support to plan."
      }
    case .removeFromRegister: return "Off the SEN register (N) from the meeting; no further cycle."
    case .requestEHCAssessment:
      return
        "The school's request for an EHC needs assessment (the LA decides within \(StatutoryLimits.decisionWeeks) weeks); support goes on in the next cycle."
    }
  }

  /// The provision that served an outcome: the plan's provision linked to it, or all of it when none is
  /// linked to any outcome.
  public static func provision(for outcome: Outcome, in plan: SupportPlan) -> [Provision] {
    let linked = plan.provision.filter { $0.outcomeIDs.contains(outcome.id) }
    return linked.isEmpty ? plan.provision : linked
  }

  /// "Precision teaching (Y3/4 spellings), by Mrs Dawson: 5 × 10 min a week, one to one"
  public static func provisionLine(_ v: Provision) -> String {
    let by = v.deliveredBy.isEmpty ? "" : ", by \(v.deliveredBy)"
    let group = v.groupSize == 1 ? "one to one" : "in a group of \(v.groupSize)"
    return
      "\(v.intervention)\(by): \(v.sessionsPerWeek) × \(v.minutesPerSession) min a week, \(group)"
  }

  /// "Send the spelling list home — Mrs Dawson, by Fri 04/12/2026"
  public static func action(_ a: ReviewAction) -> String {
    let by = a.due.map { ", by \($0.shortWeekdayName) \($0.british)" } ?? ""
    return "\(a.text) — \(a.owner.isEmpty ? "no one named" : a.owner)\(by)"
  }

  /// "Sun 29/11/2026"
  public static func day(_ d: Day) -> String { "\(d.shortWeekdayName) \(d.british)" }

  /// What the decision will set in motion when the meeting is recorded, one sentence each, from the edits it
  /// makes: the next cycle and what it carries forward, a change of SEN status, an EHC request, the next review.
  public static func inMotion(_ draft: MeetingDraft, pupil: Pupil) -> [String] {
    guard let decision = draft.decision else { return [] }
    let name = pupil.displayName
    let outcomes = pupil.cycles.first { $0.id == draft.cycleID }?.plan.outcomes ?? []
    var out: [String] = []
    var startsCycle = false
    for edit in decision.consequences(for: pupil, on: draft.date) {
      switch edit {
      case .startCycle(let d, _):
        startsCycle = true
        let notAchieved = outcomes.filter { draft.rating(for: $0.id)?.rating.isAchieved != true }
        let carried =
          notAchieved.isEmpty
          ? "no outcome to carry forward: every one is achieved"
          : "carrying forward \(count(notAchieved.count, "outcome")) not achieved"
        out.append("Cycle \(draft.cycleID + 1) starts \(day(d)), \(carried).")
      case .startSENSupport(let d, let needs, _):
        out.append(
          "\(name) moves from monitoring onto SEN support (census K) from \(day(d)), need \(needs.map(\.rawValue).joined(separator: ", ")); the parents are told at this meeting."
        )
      case .startMonitoring(let d):
        out.append(
          "\(name) moves from SEN support to monitoring from \(day(d)) (no longer K in the census)."
        )
      case .endSEN(let d):
        out.append(
          "\(name) comes off the SEN register (census N) from \(day(d)); no further cycle follows.")
      case .requestEHCAssessment(_, let d):
        out.append(
          "The school requests an EHC needs assessment on \(day(d)); the local authority must decide whether to assess by \(day(d.adding(weeks: StatutoryLimits.decisionWeeks)))."
        )
      default: break
      }
    }
    if startsCycle, let next = draft.nextReview {
      out.append("The next review is set for \(day(next)).")
    }
    return out
  }

  /// What a recorded review set in motion, read from the pupil as stored: the next cycle and what it carried
  /// forward, a change of SEN status on the day, an EHC request made that day.
  public static func setInMotion(by review: Review, cycleID: Int, pupil: Pupil) -> [String] {
    let d = review.date
    var out: [String] = []
    if let next = pupil.cycles.first(where: { $0.id == cycleID + 1 && $0.assessFrom == d }) {
      let carried = next.plan.outcomes.filter { $0.carriedFrom != nil }.count
      out.append(
        "Cycle \(next.id) started \(day(next.assessFrom))"
          + (carried == 0
            ? "." : ", carrying forward \(count(carried, "outcome")) not achieved."))
    }
    let started = pupil.senPeriods.first { $0.start == d }
    let ended = pupil.senPeriods.first { $0.end == d }
    switch (ended?.status, started?.status) {
    case (.monitoring?, .senSupport?):
      out.append("Moved from monitoring onto SEN support (census K) from \(day(d)).")
    case (.senSupport?, .monitoring?):
      out.append("Moved from SEN support to monitoring from \(day(d)).")
    case (_?, nil):
      out.append("Came off the SEN register (census N) from \(day(d)).")
    default: break
    }
    if let r = pupil.ehc.requests.first(where: { $0.requested == d && $0.requestedBy == .school }) {
      out.append(
        "The school requested an EHC needs assessment on \(day(d)); the local authority decides whether to assess by \(day(r.decideBy))."
      )
    }
    return out
  }

  public static func count(_ n: Int, _ thing: String) -> String {
    "\(n) \(thing)\(n == 1 ? "" : "s")"
  }
}

extension String {
  /// "Phone call" from "phone call".
  public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
