import CaseloadCore
import TerminalUI

/// Starting a cycle (`N`) and moving it on a stage (`>`), each on a day: today unless the SENCo is recording
/// what happened before (a school starting mid-year), any date the forms read (`3/9`, `-2w`, `last monday`).
enum CycleStepForms {
  static func newCycle(_ p: Pupil?, _ context: EditorContext) -> FormSpec {
    let first = p?.currentCycle == nil
    let number = (p?.cycles.count ?? 0) + 1
    let today = context.today
    let settings = context.settings
    let fields = [
      FormField(
        id: "date", label: "Starts on", value: today.british, required: true,
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context))
    ]
    let notes = [
      first
        ? "The first assess, plan, do, review cycle."
        : "Cycle \(number), carrying forward the outcomes not achieved at the last review."
    ]
    return FormSpec(
      title: "\(PlanForms.name(p)) — new cycle", notes: notes, fields: fields
    ) { v in
      guard let day = try FieldRules.day(v["date"], today: today, settings: settings) else {
        throw EditError("Give the day the cycle starts.")
      }
      return .editPupil([.startCycle(on: day, carryForward: !first)])
    }
  }

  static func nextStage(_ next: Stage) -> PlanForms.Make {
    { p, context in
      let today = context.today
      let settings = context.settings
      let cycle = p?.currentCycle
      let fields = [
        FormField(
          id: "date", label: "From", value: today.british, required: true,
          hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context))
      ]
      let from =
        cycle.map { "Cycle \($0.id) moves from \($0.stage.title.lowercased())" }
        ?? "The cycle moves"
      return FormSpec(
        title: "\(PlanForms.name(p)) — \(next.title.lowercased())",
        notes: ["\(from) to \(next.title.lowercased())."], fields: fields
      ) { v in
        guard let day = try FieldRules.day(v["date"], today: today, settings: settings) else {
          throw EditError("Give the day the cycle moved on.")
        }
        return .editPupil([.enterStage(next, on: day)])
      }
    }
  }
}
