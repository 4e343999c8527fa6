import CaseloadCore
import Foundation

/// What `meeting.md.mustache` draws from: the last review meeting — who was there, each outcome with its rating
/// and note, the views, the decision, the actions agreed and the next review date.
struct MeetingModel {
  let school: SchoolFacts
  let pupil: PupilFacts
  let today: String
  /// The reviewed cycle, with its review.
  let reviewed: CycleFacts
  let meeting: ReviewFacts
  /// The review date of the plan that followed, if a new cycle began.
  let nextReviewDate: String?
  let nextReviewDateLong: String?
  let nextCycle: Int?

  /// nil when no review has been recorded.
  init?(pupil: Pupil, settings: SchoolSettings, today: Day) {
    guard let index = pupil.cycles.lastIndex(where: { $0.review != nil }),
      let review = pupil.cycles[index].review
    else { return nil }
    school = SchoolFacts(settings)
    self.pupil = PupilFacts(pupil, today: today)
    self.today = today.british
    reviewed = CycleFacts(pupil, index: index, settings: settings)
    meeting = ReviewFacts(review)
    let next = pupil.cycles.indices.contains(index + 1) ? pupil.cycles[index + 1] : nil
    nextCycle = next?.id
    nextReviewDate = next?.plan.reviewDate?.british
    nextReviewDateLong = next?.plan.reviewDate?.long
  }
}
