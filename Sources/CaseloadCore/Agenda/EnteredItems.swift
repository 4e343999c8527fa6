extension Pupil {
  /// The dates people entered, each brought back as an agenda item: concern and contact follow-ups, the
  /// actions agreed at reviews, and the end of each provision in the current plan (to renew or stop it).
  public var enteredItems: [Deadline] {
    var out: [Deadline] = []
    for e in chronology {
      guard let due = e.followUp else { continue }
      let what = e.action.isEmpty ? e.summary : e.action
      out.append(
        Deadline(
          kind: .followUp, due: due, met: e.followUpDone,
          detail: "\(e.kind.title) of \(e.date.british)" + (e.who.isEmpty ? "" : " with \(e.who)"),
          title: "Follow up: \(Text.excerpt(what, length: 60))", ref: .log(e.id)))
    }
    for cycle in cycles {
      guard let review = cycle.review else { continue }
      for (index, action) in review.actions.enumerated() {
        guard let due = action.due else { continue }
        out.append(
          Deadline(
            kind: .reviewAction, due: due, met: action.done,
            detail: "agreed at the review of \(review.date.british)",
            title: Text.excerpt(action.text, length: 80), owner: action.owner,
            ref: .action(cycle: cycle.id, index: index)))
      }
    }
    if let cycle = currentCycle, !cycle.isClosed {
      for p in cycle.plan.provision {
        guard let end = p.end else { continue }
        out.append(
          Deadline(
            kind: .provisionEnd, due: end, met: p.endReviewed,
            detail:
              "\(p.weeks) week\(p.weeks == 1 ? "" : "s") from \(p.start.map(\.british) ?? "")",
            title: "Provision ends: \(Text.excerpt(p.intervention, length: 60))",
            ref: .provision(cycle: cycle.id, id: p.id)))
      }
    }
    return out
  }
}

extension Provision {
  /// The day after its last week, when it has a start and a length.
  public var end: Day? {
    guard let start, weeks > 0 else { return nil }
    return start.adding(weeks: weeks)
  }
}
