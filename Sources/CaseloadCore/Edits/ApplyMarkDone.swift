extension Pupil {
  /// Marks an entered agenda item done on `day` (nil opens it again). Statutory dates and reviews are met by
  /// recording what happened, not by ticking them off.
  mutating func markDone(_ ref: AgendaRef, on day: Day?, today: Day) throws(EditError) {
    typealias R = PupilRules
    try R.notFuture(day, "The day it was done", today)
    switch ref {
    case .log(let id):
      let i = try R.index(of: id, in: chronology, "log entry")
      guard chronology[i].followUp != nil else {
        throw EditError("That \(chronology[i].kind.title) has no follow-up date to mark done.")
      }
      try R.notBefore(day, chronology[i].date, "The day it was done", "the entry itself")
      chronology[i].followUpDone = day
    case .action(let cycleID, let index):
      guard let c = cycles.firstIndex(where: { $0.id == cycleID }), let review = cycles[c].review,
        review.actions.indices.contains(index)
      else { throw EditError("There is no such action.") }
      try R.notBefore(day, review.date, "The day it was done", "the review that agreed it")
      cycles[c].review?.actions[index].done = day
    case .provision(let cycleID, let id):
      guard let c = cycles.firstIndex(where: { $0.id == cycleID }),
        let i = cycles[c].plan.provision.firstIndex(where: { $0.id == id })
      else { throw EditError("There is no such provision.") }
      try R.notBefore(
        day, cycles[c].plan.provision[i].start, "The day it was dealt with", "the provision's start"
      )
      cycles[c].plan.provision[i].endReviewed = day
    case .none, .cycle, .ehc, .contacts:
      throw EditError(
        "Only follow-ups, actions and provision endings are marked done; a review, an EHC date or a meeting is met by recording it."
      )
    }
  }
}

extension Pupil {
  /// Replaces an action of a recorded review. Empty words or owner are refused (the meeting asked for both),
  /// and the day it was done can be neither in the future nor before the review.
  mutating func updateReviewAction(
    cycle cycleID: Int, index: Int, _ action: ReviewAction, today: Day
  )
    throws(EditError)
  {
    typealias R = PupilRules
    guard let c = cycles.firstIndex(where: { $0.id == cycleID }), let review = cycles[c].review,
      review.actions.indices.contains(index)
    else { throw EditError("There is no such action.") }
    guard !action.text.isEmpty else { throw EditError("Say what the action is.") }
    guard !action.owner.isEmpty else { throw EditError("Say who does the action.") }
    try R.notFuture(action.done, "The day it was done", today)
    try R.notBefore(action.done, review.date, "The day it was done", "the review that agreed it")
    cycles[c].review?.actions[index] = action
  }
}
