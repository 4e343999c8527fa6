import CaseloadCore
import CaseloadText
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
        placeholder: kind == .concern
          ? "a name and role, e.g. the class teacher" : "a name and role",
        hint: contactsHint(pupil)),
      FormField(
        // Never ticked to start with: a meeting with a teacher must not count as one with parents.
        id: "parents", label: "Parents took part", kind: .checkbox, value: "false",
        hint: { _ in "Meetings with parents count towards the meetings a year" }),
      FormField(id: "summary", label: "Summary", kind: .multiline(rows: 4), required: true),
      FormField(id: "action", label: "Action", kind: .multiline(rows: 2)),
      FormField(
        id: "followUp", label: "Follow up by", hint: FieldRules.dateHint(context),
        validate: FieldRules.dateCheck(context)),
    ]
    let name = pupil?.displayName ?? "Pupil"
    var spec = FormSpec(title: "\(name) — new \(kind.title)", fields: fields) { v in
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
    spec.liveTitle = { v in
      let chosen = LogKind.allCases.first { $0.title.capitalizedFirst == v["kind"] } ?? kind
      return "\(name) — new \(chosen.title)"
    }
    return spec
  }

  /// The pupil's own contacts, offered beside "With": the people a call or a letter is usually with.
  static func contactsHint(_ pupil: Pupil?) -> (@Sendable (String) -> String?)? {
    guard let contacts = pupil?.contacts, !contacts.isEmpty else { return nil }
    let names = contacts.prefix(4).map { "\($0.name) (\($0.relationship))" }
    return { typed in
      let t = typed.trimmingCharacters(in: .whitespaces).lowercased()
      let matching = t.isEmpty ? names : names.filter { $0.lowercased().contains(t) }
      return matching.isEmpty ? nil : "Contacts: " + matching.joined(separator: ", ")
    }
  }
}

extension LogEntryForm {
  /// One entry of the chronology as it was saved, to read in full, correct, or mark its follow-up done: where
  /// Enter on a follow-up in the deadlines screen leads.
  static func edit(id: Int) -> @Sendable (Pupil?, EditorContext) -> FormSpec {
    { pupil, context in edit(pupil, context, id: id) }
  }

  static func edit(_ pupil: Pupil?, _ context: EditorContext, id: Int) -> FormSpec {
    guard let entry = pupil?.chronology.first(where: { $0.id == id }) else {
      return spec(pupil, context, kind: .note)
    }
    let today = context.today
    let settings = context.settings
    var form = spec(pupil, context, kind: entry.kind)
    let values: [String: String] = [
      "kind": entry.kind.title.capitalizedFirst, "date": entry.date.british, "who": entry.who,
      "parents": entry.withParents ? "true" : "false", "summary": entry.summary,
      "action": entry.action, "followUp": entry.followUp?.british ?? "",
    ]
    form.fields = form.fields.map { field in
      var f = field
      if let v = values[f.id] { f.value = v }
      return f
    }
    form.fields.append(
      FormField(
        id: "followUpDone", label: "Follow-up done on", value: entry.followUpDone?.british ?? "",
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)))
    let name = pupil?.displayName ?? "Pupil"
    form.title = "\(name) — \(entry.kind.title) of \(entry.date.british)"
    // Like a new entry's, the title follows the kind chosen; the date is the one it was saved with.
    form.liveTitle = { v in
      let chosen = LogKind.allCases.first { $0.title.capitalizedFirst == v["kind"] } ?? entry.kind
      return "\(name) — \(chosen.title) of \(entry.date.british)"
    }
    form.build = { v in
      let chosen = LogKind.allCases.first { $0.title.capitalizedFirst == v["kind"] } ?? entry.kind
      guard let date = try FieldRules.day(v["date"], today: today, settings: settings) else {
        throw EditError("The date is needed.")
      }
      var updated = LogEntry(
        id: entry.id, kind: chosen, date: date, who: FieldRules.trimmed(v["who"]),
        withParents: v["parents"] == "true", summary: FieldRules.trimmed(v["summary"]),
        action: FieldRules.trimmed(v["action"]),
        followUp: try FieldRules.day(v["followUp"], today: today, settings: settings))
      updated.followUpDone = try FieldRules.day(v["followUpDone"], today: today, settings: settings)
      return .editPupil([.updateLog(updated)])
    }
    return form
  }
}
