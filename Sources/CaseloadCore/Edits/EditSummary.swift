import Foundation

extension PupilEdit {
  /// One line for the history and the undo message, naming the pupil and the change.
  public func summary(before: Pupil?, after: Pupil) -> String {
    "\(after.displayName): \(change(before: before, after: after))"
  }

  private func change(before: Pupil?, after: Pupil) -> String {
    func arrow<T: Equatable>(_ what: String, _ old: T?, _ new: T?, _ show: (T) -> String) -> String
    {
      "\(what) \(old.map(show) ?? "none") → \(new.map(show) ?? "none")"
    }
    let cycle = after.currentCycle
    func outcomeNumber(_ id: Int) -> Int {
      ((before?.currentCycle?.plan.outcomes ?? cycle?.plan.outcomes ?? []).firstIndex {
        $0.id == id
      } ?? 0) + 1
    }
    switch self {
    case .create: return "added (born \(after.dateOfBirth.british))"
    case .setNames: return arrow("name", before?.nameWithLegal, after.nameWithLegal) { $0 }
    case .setDateOfBirth(let d):
      return arrow("date of birth", before?.dateOfBirth, d) { $0.british }
    case .setYearGroupOffset(let n):
      return n == 0
        ? "year group follows date of birth" : "year group moved \(n > 0 ? "up" : "down") \(abs(n))"
    case .setUPN(let u): return arrow("UPN", before?.upn, u) { $0 }
    case .setRegistrationGroup(let g): return arrow("class", before?.registrationGroup, g) { $0 }
    case .setJoined(let d): return arrow("joined", before?.joined, d) { $0.british }
    case .recordLeaving(let d): return "left on \(d.british)"
    case .cancelLeaving: return "leaving date cancelled"
    case .addContact(let c): return "contact added: \(c.name) (\(c.relationship))"
    case .updateContact(let c): return "contact updated: \(c.name)"
    case .removeContact(let id):
      return "contact removed: \(before?.contacts.first { $0.id == id }?.name ?? "#\(id)")"
    case .setNeeds(let n):
      return arrow(
        "needs", before?.needs.map(\.rawValue).joined(separator: ", "),
        n.map(\.rawValue).joined(separator: ", ")
      ) {
        $0.isEmpty ? "none" : $0
      }
    case .startMonitoring(let d): return "monitoring from \(d.british)"
    case .startSENSupport(let d, let n, _):
      return "SEN support (K) from \(d.british), need \(n.map(\.rawValue).joined(separator: ", "))"
    case .setParentsInformed(let d): return arrow("parents told", nil as Day?, d) { $0.british }
    case .startEHCPlanStatus(let d, _): return "EHC plan (E) from \(d.british)"
    case .endSEN(let d): return "no SEN (N) from \(d.british)"
    case .recordEarlierPeriod(let status, let from, let until, _):
      return "earlier \(status.title) recorded: \(from.british) to \(until.british)"
    case .startCycle(let d, let carry):
      return
        "cycle \(cycle?.id ?? 0) started \(d.british)\(carry ? ", outcomes not achieved carried forward" : "")"
    case .enterStage(let s, let d):
      return "cycle \(cycle?.id ?? 0) moved to \(s.title.lowercased()) on \(d.british)"
    case .updateAssessment: return "assessment updated"
    case .setProfile: return "pupil profile updated"
    case .addOutcome(let o):
      return "outcome \(cycle?.plan.outcomes.count ?? 0) added: \(Text.excerpt(o.text))"
    case .updateOutcome(let o):
      let n = outcomeNumber(o.id)
      let old = before?.currentCycle?.plan.outcomes.first { $0.id == o.id }
      if let old, old.targetDate != o.targetDate, old.text == o.text {
        return arrow("outcome \(n): target date", old.targetDate, o.targetDate) { $0.british }
      }
      return "outcome \(n) changed: \(Text.excerpt(o.text))"
    case .removeOutcome(let id):
      let old = before?.currentCycle?.plan.outcomes.first { $0.id == id }
      return "outcome \(outcomeNumber(id)) removed: \(Text.excerpt(old?.text ?? ""))"
    case .moveOutcome(let id, let to): return "outcome \(outcomeNumber(id)) moved to \(to + 1)"
    case .addProvision(let v): return "provision added: \(v.intervention) (\(v.costPerPupil))"
    case .updateProvision(let v): return "provision changed: \(v.intervention) (\(v.costPerPupil))"
    case .removeProvision(let id):
      return
        "provision removed: \(before?.currentCycle?.plan.provision.first { $0.id == id }?.intervention ?? "#\(id)")"
    case .setStrategies(let s): return "strategies updated (\(s.count))"
    case .setParticipants(let s): return "participants updated (\(s.count))"
    case .setPupilVoice: return "pupil's voice updated"
    case .setParentViews: return "parents' views updated"
    case .recordAgreement(let a):
      return a.map { "plan agreed by \($0.agreedBy) on \($0.on.british)" }
        ?? "plan agreement removed"
    case .setReviewDate(let d):
      return arrow("review date", before?.currentCycle?.plan.reviewDate, d) { $0.british }
    case .setTrainingNeeds: return "staff training needs updated"
    case .addDeliveryNote(let n): return "delivery note \(n.date.british)"
    case .recordReview(let r):
      return
        "cycle \(cycle?.id ?? 0) reviewed \(r.date.british): progress \(r.progress.title), \(r.decision.title)"
    case .log(let e): return "\(e.kind.title) logged \(e.date.british): \(Text.excerpt(e.summary))"
    case .updateLog(let e): return "\(e.kind.title) of \(e.date.british) updated"
    case .markDone(let ref, let day):
      let item = (before ?? after).enteredItems.first { $0.ref == ref && $0.kind.isMarkedDone }
      let what =
        item.map { "\($0.kind == .reviewAction ? "action: " : "")\($0.title)" } ?? ref.rawValue
      return day.map { "\(what) — done \($0.british)" } ?? "\(what) — open again"
    case .setSpecialistProvision(let place):
      return place.map { "in the \($0.title)" } ?? "no SEN unit or resourced provision place"
    case .updateReviewAction(_, _, let a):
      let what = "action: \(Text.excerpt(a.text, length: 60))"
      return a.done.map { "\(what) — done \($0.british)" } ?? "\(what) updated"
    case .removeLog(let id):
      let e = before?.chronology.first { $0.id == id }
      return "\(e?.kind.title ?? "entry") of \(e?.date.british ?? "?") removed"
    case .requestEHCAssessment(let by, let d):
      return "EHC needs assessment requested by the \(by.rawValue) on \(d.british)"
    case .recordLADecision(let dec, let d):
      return "LA \(dec == .assess ? "agreed to assess" : "refused to assess") on \(d.british)"
    case .recordAdviceRequested(let d): return "EHC advice asked for on \(d.british)"
    case .recordAdviceReturned(let d): return "EHC advice returned on \(d.british)"
    case .recordDraftPlan(let d): return "draft EHC plan issued \(d.british)"
    case .recordFinalPlan(let d, let needs):
      let with =
        needs.map { $0.isEmpty ? "" : ", need \($0.map(\.rawValue).joined(separator: ", "))" } ?? ""
      return "final EHC plan issued \(d.british)\(with)"
    case .recordNoPlanNotice(let d): return "LA will not issue a plan (notice \(d.british))"
    case .recordAppeal(let d): return "appeal lodged \(d.british)"
    case .withdrawEHCRequest(let d): return "EHC request withdrawn \(d.british)"
    case .scheduleAnnualReview(let d): return "EHC annual review set for \(d.british)"
    case .updateAnnualReview(let r): return "EHC annual review of \(r.meeting.british) updated"
    case .ceaseEHCPlan(let d, _): return "EHC plan ceased \(d.british)"
    case .recordMediationCertificate(let d): return "mediation certificate \(d.british)"
    case .recordAmendmentNotice(let d): return "LA's amendment notice \(d.british)"
    case .recordHeldEHCPlan(let d, let la, let last, _):
      let review = last.map { ", last annual review \($0.british)" } ?? ""
      return "EHC plan held: issued \(d.british) by \(Text.clean(la))\(review)"
    }
  }
}

/// Changes to the school's settings.
public enum SettingsEdit: Hashable, Sendable {
  case setSchool(name: String, localAuthority: String, sendEmail: String)
  case setTerms([Term])
  case setStaffRoles([StaffRole])
  case setRetentionYears(Int)
  case setRatingScale(RatingScale)
  case setParentMeetingsPerYear(Int)
  /// The year groups after which pupils here change phase (-1 for nursery); the usual ones give nil.
  case setPhaseTransfers([Int])

  public func apply(to s: SchoolSettings) throws(EditError) -> SchoolSettings {
    var s = s
    switch self {
    case .setSchool(let name, let la, let email):
      let e = Text.clean(email)
      if !e.isEmpty, let problem = EmailAddress.problem(e) { throw EditError(problem) }
      s.schoolName = Text.clean(name)
      s.localAuthority = Text.clean(la)
      s.localAuthoritySENDEmail = e
    case .setTerms(let terms):
      let sorted = terms.sorted { $0.start < $1.start }
      for t in sorted where t.end < t.start {
        throw EditError("\(t.title) ends (\(t.end.british)) before it starts (\(t.start.british)).")
      }
      for (a, b) in zip(sorted, sorted.dropFirst()) where b.start <= a.end {
        throw EditError("\(a.title) and \(b.title) overlap.")
      }
      s.terms = sorted
    case .setStaffRoles(let roles):
      if let blank = roles.first(where: { $0.name.isEmpty }) {
        throw EditError("A staff role needs a name (one costs \(blank.hourlyRate) an hour).")
      }
      if let bad = roles.first(where: { $0.hourlyRate.pence < 0 }) {
        throw EditError("\(bad.name): an hourly rate cannot be negative.")
      }
      s.staffRoles = roles
    case .setRetentionYears(let n):
      let allowed = SchoolSettings.retentionYearsAllowed
      guard allowed.contains(n) else {
        throw EditError(
          "Keep SEN files for between \(allowed.lowerBound) and \(allowed.upperBound) years after birth."
        )
      }
      s.retentionYears = n
    case .setRatingScale(let scale): s.ratingScale = scale
    case .setParentMeetingsPerYear(let n):
      let allowed = SchoolSettings.parentMeetingsAllowed
      guard allowed.contains(n) else {
        throw EditError(
          "Expect between \(allowed.lowerBound) and \(allowed.upperBound) parent meetings a year.")
      }
      s.parentMeetingsPerYear = n
    case .setPhaseTransfers(let years):
      if let bad = years.first(where: { !(-1...13).contains($0) }) {
        throw EditError(
          "Year \(bad) is not a year group a pupil moves on from: give N (nursery) or 1 to 13.")
      }
      let sorted = Array(Set(years)).sorted()
      s.phaseTransferYears = sorted == StatutoryLimits.phaseTransferYears ? nil : sorted
    }
    return s
  }

  public var summary: String {
    switch self {
    case .setSchool(let name, let la, _): return "school settings: \(name), \(la)"
    case .setTerms(let t): return "term dates updated (\(t.count) terms)"
    case .setStaffRoles(let r): return "staff roles and rates updated (\(r.count))"
    case .setRetentionYears(let n): return "records kept until date of birth + \(n) years"
    case .setRatingScale(let s): return "rating scale: \(s.rawValue)"
    case .setParentMeetingsPerYear(let n): return "parent meetings expected a year: \(n)"
    case .setPhaseTransfers(let years):
      return "phase transfers after "
        + years.sorted().map { $0 < 0 ? "nursery" : "Year \($0)" }.joined(separator: ", ")
    }
  }
}
