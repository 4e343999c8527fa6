import CaseloadCore
import TerminalUI

extension FieldRules {
  /// A whole number in a range: sessions a week, minutes, group size, weeks.
  static func wholeNumber(_ what: String, _ range: ClosedRange<Int>)
    -> @Sendable (String) -> String?
  {
    { text in
      guard let n = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
        return "\(what) is a whole number from \(range.lowerBound) to \(range.upperBound)."
      }
      return nil
    }
  }

  static func int(_ text: String?) -> Int? {
    Int((text ?? "").trimmingCharacters(in: .whitespaces))
  }

  @Sendable static func moneyCheck(_ text: String) -> String? {
    if case .failure(let error) = MoneyEntry.parse(text) { return error.message }
    return nil
  }
}

/// The forms of the plan editor, each a ``FormSpec`` that saves one edit: an outcome, a line of provision, a
/// strategy, a participant, the pupil profile, the pupil's voice, the parents' views, the training needs, the
/// agreement and the review date. Each is made from the pupil as stored when it opens (and again on a reload).
enum PlanForms {
  typealias Make = @Sendable (Pupil?, EditorContext) -> FormSpec

  static func plan(_ p: Pupil?) -> SupportPlan { p?.currentCycle?.plan ?? SupportPlan() }

  static func name(_ p: Pupil?) -> String { p?.displayName ?? "Pupil" }

  static func gone(_ what: String) -> EditError {
    EditError("That \(what) no longer exists; it may have been removed in another session.")
  }

  // MARK: Outcomes

  /// An outcome of the plan (by id), or a new one (nil).
  static func outcome(_ id: Int?) -> Make {
    { p, context in
      let outcomes = plan(p).outcomes
      let existing = id.flatMap { id in outcomes.first { $0.id == id } }
      let number = id.flatMap { id in outcomes.firstIndex { $0.id == id } }.map { $0 + 1 }
      let area = existing?.area ?? p?.primaryNeed?.area ?? .cognitionAndLearning
      let fields = [
        FormField(
          id: "area", label: "Area of need",
          kind: .choice(NeedArea.allCases.map { ChoicePicker.Choice($0.title) }), value: area.title,
          required: true),
        FormField(
          id: "text", label: "Outcome (SMART)", kind: .multiline(rows: 3),
          value: existing?.text ?? "", required: true, maxLength: 1000,
          placeholder: "What they will be able to do, and by when"),
        FormField(
          id: "criteria", label: "Success criteria", kind: .multiline(rows: 2),
          value: existing?.successCriteria ?? "", maxLength: 1000,
          placeholder: "How everyone will know"),
        FormField(
          id: "target", label: "Target date", value: existing?.targetDate?.british ?? "",
          hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
      ]
      let title = "\(name(p)) — " + (number.map { "outcome \($0)" } ?? "new outcome")
      let today = context.today
      let settings = context.settings
      return FormSpec(title: title, fields: fields) { v in
        let chosen = NeedArea.allCases.first { $0.title == v["area"] } ?? area
        let target = try FieldRules.day(v["target"], today: today, settings: settings)
        guard let id else {
          return .editPupil([
            .addOutcome(
              Outcome(
                area: chosen, text: v["text"] ?? "", successCriteria: v["criteria"] ?? "",
                targetDate: target))
          ])
        }
        guard let old = existing else { throw gone("outcome") }
        let new = Outcome(
          id: id, area: chosen, text: v["text"] ?? "", successCriteria: v["criteria"] ?? "",
          targetDate: target, carriedFrom: old.carriedFrom)
        return .editPupil(new == old ? [] : [.updateOutcome(new)])
      }
    }
  }

  // MARK: Provision

  /// The provision the values describe, when every number in them can be read.
  static func typedProvision(_ v: [String: String], id: Int = 0) -> Provision? {
    guard let sessions = FieldRules.int(v["sessions"]), let minutes = FieldRules.int(v["minutes"]),
      let group = FieldRules.int(v["group"]), let weeks = FieldRules.int(v["weeks"])
    else { return nil }
    let basis = costBasis(v["costed"])
    let money = { (field: String) -> Money? in
      guard case .success(let m)? = v[field].map(MoneyEntry.parse) else { return nil }
      return m
    }
    // A price replaces the hourly rate: the rate may then be left empty.
    let price = basis.map { b in money("price").map { FixedPrice($0, b) } }
    guard price != .some(nil), let rate = money("rate") ?? (basis == nil ? nil : .zero) else {
      return nil
    }
    var provision = Provision(
      id: id, intervention: v["intervention"] ?? "", deliveredBy: v["deliveredBy"] ?? "",
      sessionsPerWeek: sessions, minutesPerSession: minutes, groupSize: group, weeks: weeks,
      staffRole: v["role"] ?? "", hourlyRate: rate)
    provision.price = price ?? nil
    // The numbers must be in range; the name is the form's to ask for.
    var numbers = provision
    numbers.intervention = "named"
    return numbers.problem == nil ? provision : nil
  }

  /// "Cost per pupil: £99.00 (3 × 30 min × 12 weeks × £16.50 ÷ 3) · plan total £99.00", as it is typed.
  static func costLine(_ v: [String: String], otherProvision: Money) -> String {
    guard let p = typedProvision(v) else {
      return costBasis(v["costed"]) == nil
        ? "Cost per pupil: fill in the rate, sessions, minutes, group size and weeks"
        : "Cost per pupil: fill in the price, sessions, minutes, group size and weeks"
    }
    return
      "Cost per pupil: \(p.costPerPupil) (\(p.costSum)) · plan total \(otherProvision + p.costPerPupil)"
  }

  /// How a provision is costed, as the form's choice names it: nil for staff time at an hourly rate.
  static let costChoices: [(title: String, basis: FixedPrice.Basis?)] = [
    ("By the hour", nil), ("A price per pupil", .perPupil), ("A price for the group", .forGroup),
  ]

  static func costBasis(_ title: String?) -> FixedPrice.Basis? {
    costChoices.first { $0.title == title }?.basis ?? nil
  }

  /// "1, 3" → the ids of outcomes 1 and 3 of the plan.
  static func outcomeIDs(_ text: String, in outcomes: [Outcome]) -> Result<[Int], EditError> {
    var ids: [Int] = []
    for word in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
      guard let n = Int(word) else {
        return .failure(EditError("Write the outcomes' numbers, for example 1, 2."))
      }
      guard n >= 1, n <= outcomes.count else {
        return .failure(
          EditError(
            outcomes.isEmpty
              ? "The plan has no outcomes yet."
              : "There is no outcome \(n); the plan has \(outcomes.count)."
          ))
      }
      if !ids.contains(outcomes[n - 1].id) { ids.append(outcomes[n - 1].id) }
    }
    return .success(ids)
  }

  /// A line of provision (by id), or a new one (nil). The staff role fills its hourly rate; the cost per pupil
  /// shows under the title as it is typed.
  static func provision(_ id: Int?) -> Make {
    { p, context in
      let plan = plan(p)
      let existing = id.flatMap { id in plan.provision.first { $0.id == id } }
      let number = id.flatMap { id in plan.provision.firstIndex { $0.id == id } }.map { $0 + 1 }
      let settings = context.settings
      var roles = settings.staffRoles.map {
        ChoicePicker.Choice($0.name, description: "\($0.hourlyRate) an hour")
      }
      if let role = existing?.staffRole, !role.isEmpty, !roles.contains(where: { $0.title == role })
      {
        roles.append(ChoicePicker.Choice(role))
      }
      let role = existing?.staffRole ?? settings.staffRoles.first?.name ?? ""
      let rate = existing?.hourlyRate ?? settings.rate(for: role)
      let outcomes = plan.outcomes
      let linked = (existing?.outcomeIDs ?? []).compactMap { id in
        outcomes.firstIndex { $0.id == id }.map { String($0 + 1) }
      }
      let outcomeList = outcomes.enumerated().map {
        "\($0.offset + 1) \(Text.excerpt($0.element.text, length: 24))"
      }
      let fields = [
        FormField(
          id: "intervention", label: "Intervention", value: existing?.intervention ?? "",
          required: true, maxLength: 120, placeholder: "e.g. precision teaching"),
        FormField(
          id: "deliveredBy", label: "Delivered by", value: existing?.deliveredBy ?? "",
          maxLength: 80, placeholder: "name"),
        FormField(id: "role", label: "Staff role", kind: .choice(roles), value: role),
        FormField(
          id: "costed", label: "Costed",
          kind: .choice(
            costChoices.map {
              ChoicePicker.Choice(
                $0.title,
                description: $0.basis == nil
                  ? "staff time at the hourly rate"
                  : $0.basis == .perPupil
                    ? "a package bought for each pupil" : "a package shared by the group")
            }),
          value: costChoices.first { $0.basis == existing?.price?.basis }?.title ?? "By the hour"),
        FormField(
          id: "rate", label: "Hourly rate", value: rate?.description ?? "",
          hint: { _ in "£16.50; choosing a staff role fills it" },
          validate: { $0.isEmpty ? nil : FieldRules.moneyCheck($0) }),
        FormField(
          id: "price", label: "Price", value: existing?.price?.amount.description ?? "",
          hint: { _ in "for a package: the price a pupil, or for the whole group" },
          validate: { $0.isEmpty ? nil : FieldRules.moneyCheck($0) }),
        FormField(
          id: "sessions", label: "Sessions a week",
          value: existing.map { String($0.sessionsPerWeek) } ?? "", required: true,
          validate: FieldRules.wholeNumber("Sessions a week", 1...50)),
        FormField(
          id: "minutes", label: "Minutes a session",
          value: existing.map { String($0.minutesPerSession) } ?? "", required: true,
          validate: FieldRules.wholeNumber("Minutes a session", 1...480)),
        FormField(
          id: "group", label: "Group size", value: String(existing?.groupSize ?? 1),
          required: true, hint: { _ in "1 for one to one" },
          validate: FieldRules.wholeNumber("Group size", 1...60)),
        FormField(
          id: "weeks", label: "Weeks", value: existing.map { String($0.weeks) } ?? "",
          required: true, validate: FieldRules.wholeNumber("Weeks", 1...52)),
        FormField(
          id: "start", label: "Start date", value: existing?.start?.british ?? "",
          hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
        FormField(
          id: "outcomes", label: "For outcomes", value: linked.joined(separator: ", "),
          placeholder: outcomes.isEmpty ? "no outcomes yet" : "numbers, e.g. 1, 2",
          hint: { _ in outcomeList.isEmpty ? nil : outcomeList.joined(separator: "; ") },
          validate: { text in
            if case .failure(let e) = outcomeIDs(text, in: outcomes) { return e.message }
            return nil
          }),
      ]
      let others = plan.totalCost + Money(pence: -(existing?.costPerPupil.pence ?? 0))
      let title = "\(name(p)) — " + (number.map { "provision \($0)" } ?? "new provision")
      let today = context.today
      return FormSpec(
        title: title, fields: fields,
        status: { costLine($0, otherProvision: others) },
        changed: { changed, v in
          guard changed == "role", let rate = settings.rate(for: v["role"] ?? "") else {
            return [:]
          }
          return ["rate": rate.description]
        }
      ) { v in
        guard var new = typedProvision(v, id: id ?? 0) else {
          let basis = costBasis(v["costed"])
          if basis == nil, FieldRules.trimmed(v["rate"]).isEmpty {
            throw EditError("Give the hourly rate, or cost it as a price.")
          }
          if basis != nil, FieldRules.trimmed(v["price"]).isEmpty {
            throw EditError("Give the price, or cost it by the hour.")
          }
          throw EditError("Some numbers cannot be read: see the messages beside them.")
        }
        new.start = try FieldRules.day(v["start"], today: today, settings: settings)
        // A renewal that moves the end brings it back to the agenda; other corrections keep it dealt with.
        if let existing, new.end == existing.end { new.endReviewed = existing.endReviewed }
        new.outcomeIDs = try outcomeIDs(v["outcomes"] ?? "", in: outcomes).get()
        guard id != nil else { return .editPupil([.addProvision(new)]) }
        guard let old = existing else { throw gone("provision") }
        return .editPupil(new == old ? [] : [.updateProvision(new)])
      }
    }
  }

  // MARK: Strategies and participants

  /// A classroom strategy (by position), or a new one (nil): saved as the whole list.
  static func strategy(_ index: Int?) -> Make {
    { p, context in
      let list = plan(p).strategies
      let existing = index.flatMap { list.indices.contains($0) ? list[$0] : nil }
      let fields = [
        FormField(
          id: "text", label: "Strategy", kind: .multiline(rows: 3), value: existing ?? "",
          required: true, maxLength: 500,
          placeholder: "e.g. instructions one step at a time, with a visual")
      ]
      let title = "\(name(p)) — " + (index.map { "strategy \($0 + 1)" } ?? "new strategy")
      return FormSpec(title: title, fields: fields) { v in
        var new = list
        let text = FieldRules.trimmed(v["text"])
        if let index {
          guard existing != nil else { throw gone("strategy") }
          new[index] = text
        } else {
          new.append(text)
        }
        return .editPupil(new == list ? [] : [.setStrategies(new)])
      }
    }
  }

  /// Someone who took part in planning (by position), or a new one (nil): saved as the whole list.
  static func participant(_ index: Int?) -> Make {
    { p, context in
      let list = plan(p).participants
      let existing = index.flatMap { list.indices.contains($0) ? list[$0] : nil }
      let present = Set(list.map(\.role))
      let role =
        existing?.role ?? ParticipantRole.allCases.first { !present.contains($0) } ?? .other
      let fields = [
        FormField(
          id: "role", label: "Role",
          kind: .choice(ParticipantRole.allCases.map { ChoicePicker.Choice($0.title) }),
          value: role.title, required: true),
        FormField(
          id: "name", label: "Name", value: existing?.name ?? "", maxLength: 80,
          placeholder: "as they like to be named"),
      ]
      let title = "\(name(p)) — " + (index.map { "participant \($0 + 1)" } ?? "new participant")
      return FormSpec(title: title, fields: fields) { v in
        let chosen = ParticipantRole.allCases.first { $0.title == v["role"] } ?? role
        let person = Participant(role: chosen, name: v["name"] ?? "")
        if person.name.isEmpty && chosen != .pupil {
          throw EditError("Give the \(chosen.title)'s name.")
        }
        var new = list
        if let index {
          guard existing != nil else { throw gone("participant") }
          new[index] = person
        } else {
          new.append(person)
        }
        return .editPupil(new == list ? [] : [.setParticipants(new)])
      }
    }
  }

  // MARK: Prose, agreement, review date

  static func profile(_ p: Pupil?, _ context: EditorContext) -> FormSpec {
    let old = plan(p).profile
    let parts: [(String, String, String, String)] = [
      ("strengths", "Strengths", old.strengths, "what they are good at and enjoy"),
      ("needs", "Needs", old.needs, "what they find hard"),
      ("works", "What works", old.whatWorks, "what helps them"),
      ("doesNot", "What does not work", old.whatDoesNot, "what to avoid"),
    ]
    let fields = parts.map {
      FormField(
        id: $0.0, label: $0.1, kind: .multiline(rows: 3), value: $0.2, maxLength: 2000,
        placeholder: $0.3)
    }
    return FormSpec(title: "\(name(p)) — pupil profile", fields: fields) { v in
      let new = PupilProfile(
        strengths: Text.cleanMultiline(v["strengths"] ?? ""),
        needs: Text.cleanMultiline(v["needs"] ?? ""),
        whatWorks: Text.cleanMultiline(v["works"] ?? ""),
        whatDoesNot: Text.cleanMultiline(v["doesNot"] ?? ""))
      return .editPupil(new == old ? [] : [.setProfile(new)])
    }
  }

  /// One part of the plan written as prose: the pupil's voice, the parents' views, staff training needs.
  static func prose(
    _ label: String, title: String, placeholder: String,
    value: @escaping @Sendable (SupportPlan) -> String,
    edit: @escaping @Sendable (String) -> PupilEdit
  ) -> Make {
    { p, context in
      let old = value(plan(p))
      let fields = [
        FormField(
          id: "text", label: label, kind: .multiline(rows: 8), value: old, maxLength: 4000,
          placeholder: placeholder)
      ]
      return FormSpec(title: "\(name(p)) — \(title)", fields: fields) { v in
        let new = Text.cleanMultiline(v["text"] ?? "")
        return .editPupil(new == old ? [] : [edit(new)])
      }
    }
  }

  static let pupilVoice = prose(
    "In their words", title: "pupil voice", placeholder: "what the pupil says helps and matters",
    value: \.pupilVoice, edit: { .setPupilVoice($0) })
  static let parentViews = prose(
    "Parents' views", title: "parents' views", placeholder: "what the parents or carers say",
    value: \.parentViews, edit: { .setParentViews($0) })
  static let trainingNeeds = prose(
    "Training needs", title: "staff training needs", placeholder: "training the plan needs",
    value: \.trainingNeeds, edit: { .setTrainingNeeds($0) })

  static func agreement(_ p: Pupil?, _ context: EditorContext) -> FormSpec {
    let old = plan(p).agreement
    let fields = [
      FormField(
        id: "by", label: "Agreed by", value: old?.agreedBy ?? "", maxLength: 120,
        placeholder: "e.g. Mrs Shah (mother) and Zoë"),
      FormField(
        id: "on", label: "Agreed on", value: old?.on.british ?? "",
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
    ]
    let today = context.today
    let settings = context.settings
    return FormSpec(title: "\(name(p)) — agreement", fields: fields) { v in
      let by = FieldRules.trimmed(v["by"])
      let on = try FieldRules.day(v["on"], today: today, settings: settings)
      switch (by.isEmpty, on) {
      case (true, nil): return .editPupil(old == nil ? [] : [.recordAgreement(nil)])
      case (true, _): throw EditError("Say who agreed the plan.")
      case (false, nil): throw EditError("Give the date the plan was agreed.")
      case (false, let on?):
        let new = Agreement(agreedBy: by, on: on)
        return .editPupil(new == old ? [] : [.recordAgreement(new)])
      }
    }
  }

  static func reviewDate(_ p: Pupil?, _ context: EditorContext) -> FormSpec {
    let old = plan(p).reviewDate
    let fields = [
      FormField(
        id: "date", label: "Review date", value: old?.british ?? "",
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context))
    ]
    let today = context.today
    let settings = context.settings
    return FormSpec(title: "\(name(p)) — review date", fields: fields) { v in
      let new = try FieldRules.day(v["date"], today: today, settings: settings)
      return .editPupil(new == old ? [] : [.setReviewDate(new)])
    }
  }
}
