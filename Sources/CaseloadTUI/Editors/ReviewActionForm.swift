import CaseloadCore
import TerminalUI

/// One action a review meeting agreed, as it was saved: to read in full, correct, or mark done. Where Enter on an
/// action in the deadlines screen leads.
enum ReviewActionForm {
  static func edit(cycle: Int, index: Int) -> @Sendable (Pupil?, EditorContext) -> FormSpec {
    { pupil, context in edit(pupil, context, cycle: cycle, index: index) }
  }

  static func edit(_ pupil: Pupil?, _ context: EditorContext, cycle: Int, index: Int) -> FormSpec {
    let today = context.today
    let settings = context.settings
    let name = pupil?.displayName ?? "Pupil"
    guard let review = pupil?.cycles.first(where: { $0.id == cycle })?.review,
      review.actions.indices.contains(index)
    else {
      return FormSpec(
        title: "\(name) — action", notes: ["That action is no longer recorded."], fields: []
      ) { _ in throw EditError("That action is no longer recorded.") }
    }
    let action = review.actions[index]
    let fields = [
      FormField(
        id: "text", label: "What", value: action.text, required: true, maxLength: 200),
      FormField(id: "owner", label: "Who", value: action.owner, required: true, maxLength: 80),
      FormField(
        id: "due", label: "By when", value: action.due?.british ?? "", maxLength: 40,
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
      FormField(
        id: "done", label: "Done on", value: action.done?.british ?? "", maxLength: 40,
        placeholder: "today, 03/12/2026", hint: FieldRules.dateHint(context),
        validate: FieldRules.dateCheck(context)),
    ]
    return FormSpec(
      title: "\(name) — action agreed at the review of \(review.date.british)", fields: fields
    ) { v in
      let updated = ReviewAction(
        text: FieldRules.trimmed(v["text"]), owner: FieldRules.trimmed(v["owner"]),
        due: try FieldRules.day(v["due"], today: today, settings: settings),
        done: try FieldRules.day(v["done"], today: today, settings: settings))
      return .editPupil([.updateReviewAction(cycle: cycle, index: index, updated)])
    }
  }
}
