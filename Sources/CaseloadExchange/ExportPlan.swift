import CaseloadCore
import Foundation

/// What `plan.md.mustache` and `plan.html.mustache` draw from: the pupil's current plan (the latest cycle's,
/// reviewed or not), for parents.
struct PlanModel {
  let school: SchoolFacts
  let pupil: PupilFacts
  let today: String
  let todayLong: String
  /// nil when no cycle has been started.
  let plan: CycleFacts?

  init(pupil: Pupil, settings: SchoolSettings, today: Day) {
    school = SchoolFacts(settings)
    self.pupil = PupilFacts(pupil, today: today)
    self.today = today.british
    todayLong = today.long
    plan =
      pupil.cycles.isEmpty
      ? nil : CycleFacts(pupil, index: pupil.cycles.count - 1, settings: settings)
  }
}
