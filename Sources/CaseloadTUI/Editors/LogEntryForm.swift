import CaseloadCore
import TerminalUI

/// A concern raised or a contact made (meeting, call, letter, email, note), for the pupil's chronology: what an
/// EHC request later rests on. Meetings with parents count towards the meetings a year.
enum LogEntryForm {
  static func spec(kind: LogKind) -> @Sendable (Pupil?, EditorContext) -> FormSpec {
    { pupil, context in spec(pupil, context, kind: kind) }
  }

  static func spec(_ pupil: Pupil?, _ context: EditorContext, kind: LogKind) -> FormSpec {
    let today = context.today
    let settings = context.settings
    let kinds = LogKind.allCases.map { ChoicePicker.Choice($0.title.capitalizedFirst) }
    let fields = [
      FormField(
        id: "kind", label: "What", kind: .choice(kinds), value: kind.title.capitalizedFirst,
        required: true),
      FormField(
        id: "date", label: "Date", value: today.british, required: true,
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
      FormField(
        id: "who", label: kind == .concern ? "Raised by" : "With", required: true, maxLength: 120,
        placeholder: kind == .concern ? "Mrs Airey (class teacher)" : "Aoife O'Brien (mother)"),
      FormField(
        id: "parents", label: "Parents took part", kind: .checkbox,
        value: kind == .meeting ? "true" : "false",
        hint: { _ in "Meetings with parents count towards the meetings a year" }),
      FormField(id: "summary", label: "Summary", kind: .multiline(rows: 4), required: true),
      FormField(id: "action", label: "Action", kind: .multiline(rows: 2)),
      FormField(
        id: "followUp", label: "Follow up by", hint: FieldRules.dateHint(context),
        validate: FieldRules.dateCheck(context)),
    ]
    let name = pupil?.displayName ?? "Pupil"
    return FormSpec(title: "\(name) — new \(kind.title)", fields: fields) { v in
      let chosen =
        LogKind.allCases.first { $0.title.capitalizedFirst == v["kind"] } ?? kind
      guard let date = try FieldRules.day(v["date"], today: today, settings: settings) else {
        throw EditError("The date is needed.")
      }
      let entry = LogEntry(
        kind: chosen, date: date, who: FieldRules.trimmed(v["who"]),
        withParents: v["parents"] == "true", summary: FieldRules.trimmed(v["summary"]),
        action: FieldRules.trimmed(v["action"]),
        followUp: try FieldRules.day(v["followUp"], today: today, settings: settings))
      return .editPupil([.log(entry)])
    }
  }
}

extension String {
  /// "Phone call" from "phone call".
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
