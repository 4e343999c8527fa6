import CaseloadCore
import TerminalUI

/// Records the review of the current cycle: a rating for every outcome on the school's scale, the progress
/// made, the views, and the decision — and, in the same step, what the decision sets in motion (the next cycle,
/// a change of status, an EHC request).
enum ReviewForm {
  static func spec(_ p: Pupil?, _ context: EditorContext) -> FormSpec {
    let today = context.today
    let settings = context.settings
    let cycle = p?.currentCycle
    let outcomes = cycle?.plan.outcomes ?? []
    let scale = settings.ratingScale.ratings
    let ratingChoices = scale.map { ChoicePicker.Choice($0.title) }
    var fields = [
      FormField(
        id: "date", label: "Review date", value: today.british, required: true,
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context))
    ]
    for (n, o) in outcomes.enumerated() {
      let old = cycle?.review?.rating(for: o.id)
      fields.append(
        FormField(
          id: "rating\(o.id)", label: "\(n + 1). \(Text.excerpt(o.text, length: 24))",
          kind: .choice(ratingChoices), value: old?.title ?? "", required: true,
          placeholder: "rate it", hint: { _ in Text.excerpt(o.text, length: 70) }))
    }
    fields += [
      FormField(
        id: "progress", label: "Progress overall",
        kind: .choice(Progress.allCases.map { ChoicePicker.Choice($0.title) }), required: true,
        placeholder: "better than, as, or less than expected"),
      FormField(id: "pupil", label: "Pupil's views", kind: .multiline(rows: 2)),
      FormField(id: "parents", label: "Parents' views", kind: .multiline(rows: 2)),
      FormField(
        id: "support", label: "Is the support what they need?", kind: .multiline(rows: 2)),
      FormField(
        id: "decision", label: "Decision",
        kind: .choice(ReviewDecision.allCases.map { ChoicePicker.Choice($0.title) }),
        required: true,
        hint: { value in
          ReviewDecision.allCases.first { $0.title == value }.map(Self.explain)
        }),
    ]
    let name = p?.displayName ?? "Pupil"
    let number = cycle?.id ?? 0
    return FormSpec(
      title: "\(name) — review of cycle \(number)",
      notes: outcomes.isEmpty ? ["This plan has no outcomes to rate."] : [], fields: fields
    ) { v in
      guard let p, let cycle else { throw EditError("\(name) has no cycle to review.") }
      guard let date = try FieldRules.day(v["date"], today: today, settings: settings) else {
        throw EditError("The review date is needed.")
      }
      let ratings = try outcomes.enumerated().map { n, o -> OutcomeRating in
        guard let rating = scale.first(where: { $0.title == v["rating\(o.id)"] }) else {
          throw EditError("Outcome \(n + 1) needs a rating.")
        }
        return OutcomeRating(outcomeID: o.id, rating: rating)
      }
      guard let progress = Progress.allCases.first(where: { $0.title == v["progress"] }) else {
        throw EditError("Say how the progress compares with what was expected.")
      }
      guard let decision = ReviewDecision.allCases.first(where: { $0.title == v["decision"] })
      else { throw EditError("Choose what happens next.") }
      let review = Review(
        date: date, ratings: ratings, progress: progress,
        pupilViews: FieldRules.trimmed(v["pupil"]), parentViews: FieldRules.trimmed(v["parents"]),
        supportRight: FieldRules.trimmed(v["support"]), decision: decision,
        participants: cycle.plan.participants)
      var edits: [PupilEdit] = []
      if cycle.stage == .do { edits.append(.enterStage(.review, on: date)) }
      edits.append(.recordReview(review))
      return .editPupil(edits + decision.consequences(for: p, on: date))
    }
  }

  /// What choosing the decision will do, said before saving.
  static func explain(_ d: ReviewDecision) -> String {
    switch d {
    case .continue: return "Starts the next cycle, carrying forward outcomes not achieved."
    case .stepUp:
      return "Monitoring → SEN support; then the next cycle, to plan more provision."
    case .stepDown: return "SEN support → monitoring (monitoring → off the register)."
    case .removeFromRegister: return "Ends SEN support; no further cycle."
    case .requestEHCAssessment:
      return "Records the school's request today's review makes; support continues meanwhile."
    }
  }
}
