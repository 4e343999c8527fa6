import CaseloadCore
import TerminalUI

/// Field checks and hints shared by the forms: dates as a SENCo types them, with the weekday shown.
enum FieldRules {
  static func dateHint(_ context: EditorContext) -> @Sendable (String) -> String? {
    let today = context.today
    let settings = context.settings
    return { text in
      if text.trimmingCharacters(in: .whitespaces).isEmpty {
        return "31/12/2025, 2025-12-31, +6w, +10d, +3m, next term"
      }
      guard case .success(let day) = DateEntry.parse(text, today: today, settings: settings) else {
        return nil
      }
      return DateEntry.describe(day, today: today)
    }
  }

  static func dateCheck(_ context: EditorContext) -> @Sendable (String) -> String? {
    let today = context.today
    let settings = context.settings
    return { text in
      switch DateEntry.parse(text, today: today, settings: settings) {
      case .success: return nil
      case .failure(let error): return error.description
      }
    }
  }

  /// The day a date field holds, or nil when it is empty; a value the check let through always parses.
  static func day(_ text: String?, today: Day, settings: SchoolSettings) throws -> Day? {
    guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    switch DateEntry.parse(text, today: today, settings: settings) {
    case .success(let day): return day
    case .failure(let error): throw EditError(error.description)
    }
  }

  static func trimmed(_ text: String?) -> String {
    (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// The pupil's details: names, date of birth, year group, UPN, registration group, the date they joined.
enum PupilDetailsForm {
  static func spec(_ pupil: Pupil?, _ context: EditorContext) -> FormSpec {
    let today = context.today
    let settings = context.settings
    let naturalYear: @Sendable (Day) -> YearGroup = { dob in
      YearGroup(dateOfBirth: dob, in: SchoolYear(containing: today))
    }
    let p = pupil
    let fields = [
      FormField(
        id: "given", label: "Legal first name", value: p?.legalName.given ?? "", required: true,
        maxLength: 80),
      FormField(
        id: "family", label: "Legal surname", value: p?.legalName.family ?? "", required: true,
        maxLength: 80),
      FormField(
        id: "familyFirst", label: "Surname first", kind: .checkbox,
        value: (p?.legalName.familyFirst ?? false) ? "true" : "false",
        hint: { _ in "Tick for names written surname first, as in Chinese: 王秀英" }),
      FormField(
        id: "preferredGiven", label: "Known as (first)", value: p?.preferredName?.given ?? "",
        maxLength: 80, placeholder: "if different"),
      FormField(
        id: "preferredFamily", label: "Known as (surname)", value: p?.preferredName?.family ?? "",
        maxLength: 80, placeholder: "if different"),
      FormField(
        id: "dob", label: "Date of birth", value: p?.dateOfBirth.british ?? "", required: true,
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
      FormField(
        id: "year", label: "Year group",
        value: p.map { $0.yearGroup(on: today).description } ?? "",
        placeholder: "from the date of birth",
        hint: { text in
          text.isEmpty ? "R, Y1…Y13; leave empty for the year the date of birth gives" : nil
        },
        validate: { YearGroup(typed: $0) == nil ? "Write a year group as R, N or Y1 to Y13." : nil }
      ),
      FormField(
        id: "upn", label: "UPN", value: p?.upn ?? "", maxLength: 13,
        placeholder: "13 characters",
        validate: { UPN.problem($0.trimmingCharacters(in: .whitespaces)) }),
      FormField(
        id: "reg", label: "Registration group", value: p?.registrationGroup ?? "", maxLength: 20),
      FormField(
        id: "joined", label: "Joined the school", value: p?.joined?.british ?? "",
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
    ]
    let title = p.map { "\($0.displayName) — details" } ?? "New pupil"
    return FormSpec(title: title, fields: fields) { v in
      let legal = PersonName(
        given: FieldRules.trimmed(v["given"]), family: FieldRules.trimmed(v["family"]),
        familyFirst: v["familyFirst"] == "true")
      let preferredGiven = FieldRules.trimmed(v["preferredGiven"])
      let preferredFamily = FieldRules.trimmed(v["preferredFamily"])
      let preferred =
        preferredGiven.isEmpty && preferredFamily.isEmpty
        ? nil
        : PersonName(
          given: preferredGiven.isEmpty ? legal.given : preferredGiven,
          family: preferredFamily.isEmpty ? legal.family : preferredFamily,
          familyFirst: legal.familyFirst)
      guard let dob = try FieldRules.day(v["dob"], today: today, settings: settings) else {
        throw EditError("The date of birth is needed.")
      }
      let typedYear = FieldRules.trimmed(v["year"])
      let offset = YearGroup(typed: typedYear).map { $0.number - naturalYear(dob).number } ?? 0
      let upn = FieldRules.trimmed(v["upn"]).uppercased()
      let reg = FieldRules.trimmed(v["reg"])
      let joined = try FieldRules.day(v["joined"], today: today, settings: settings)
      guard let p else {
        return .addPupil(
          Pupil(
            id: .newPupil(), legalName: legal, preferredName: preferred == legal ? nil : preferred,
            dateOfBirth: dob, yearGroupOffset: offset, upn: upn.isEmpty ? nil : upn,
            registrationGroup: reg.isEmpty ? nil : reg, joined: joined))
      }
      var edits: [PupilEdit] = []
      let newPreferred = preferred == legal ? nil : preferred
      if legal != p.legalName || newPreferred != p.preferredName {
        edits.append(.setNames(legal: legal, preferred: newPreferred))
      }
      if dob != p.dateOfBirth { edits.append(.setDateOfBirth(dob)) }
      if offset != p.yearGroupOffset { edits.append(.setYearGroupOffset(offset)) }
      if (upn.isEmpty ? nil : upn) != p.upn { edits.append(.setUPN(upn.isEmpty ? nil : upn)) }
      if (reg.isEmpty ? nil : reg) != p.registrationGroup {
        edits.append(.setRegistrationGroup(reg.isEmpty ? nil : reg))
      }
      if joined != p.joined { edits.append(.setJoined(joined)) }
      return .editPupil(edits)
    }
  }
}
