import Foundation

extension PupilEdit {
  /// Applies the edit to `pupil` (nil for `.create`), validating every rule; `today` bounds dates that cannot be
  /// in the future.
  public func apply(to pupil: Pupil?, today: Day) throws(EditError) -> Pupil {
    if case .create(let new) = self {
      guard pupil == nil else { throw EditError("This pupil already exists.") }
      try PupilRules.checkDetails(new, today: today)
      var p = new
      p.nextLocalID = max(p.nextLocalID, 1)
      return p
    }
    guard var p = pupil else { throw EditError("There is no such pupil.") }
    try applyInPlace(to: &p, today: today)
    return p
  }

  /// Whether the edit makes a new pupil.
  public var isCreate: Bool {
    if case .create = self { return true }
    return false
  }

  /// Applies an edit other than `.create` to `p` where it stands, without copying its lists: for a caller that
  /// applies thousands of edits to one record (`caseload apply`) and discards the record when one throws, since
  /// a refused edit may leave it part-changed.
  public func applyInPlace(to p: inout Pupil, today: Day) throws(EditError) {
    if case .create = self { throw EditError("This pupil already exists.") }
    if p.hasLeft, self != .cancelLeaving {
      throw EditError(
        "\(p.displayName) left on \(p.left?.british ?? "?"); their record is read-only. Cancel the leaving date first."
      )
    }
    try applyChange(to: &p, today: today)
    // Off K and E, a SEN unit or resourced place cannot stand in the census: it ends with the status.
    if p.specialistProvision != nil, !SpecialistProvision.allowed(with: p.censusCode) {
      p.specialistProvision = nil
    }
  }

  private func applyChange(to p: inout Pupil, today: Day) throws(EditError) {
    typealias R = PupilRules
    switch self {
    case .create: break

    case .setNames(let legal, let preferred):
      p.legalName = legal
      p.preferredName = preferred.flatMap { $0.full.isEmpty || $0 == legal ? nil : $0 }
      try R.checkDetails(p, today: today)
    case .setDateOfBirth(let dob):
      p.dateOfBirth = dob
      try R.checkDetails(p, today: today)
    case .setYearGroupOffset(let offset):
      guard (-2...2).contains(offset) else {
        throw EditError("A pupil can be at most two year groups above or below their age group.")
      }
      p.yearGroupOffset = offset
    case .setUPN(let upn):
      p.upn = upn.map(Text.clean).flatMap { $0.isEmpty ? nil : $0.uppercased() }
      try R.checkDetails(p, today: today)
    case .setRegistrationGroup(let group):
      p.registrationGroup = group.map(Text.clean).flatMap { $0.isEmpty ? nil : $0 }
    case .setJoined(let day):
      try R.notFuture(day, "The date the pupil joined", today)
      p.joined = day
    case .recordLeaving(let day):
      try R.notBefore(day, p.joined, "The leaving date", "the date they joined")
      try R.notFuture(day, "The leaving date", today)
      p.left = day
    case .cancelLeaving:
      guard p.hasLeft else { throw EditError("\(p.displayName) has no leaving date to cancel.") }
      p.left = nil

    case .addContact(var c):
      try R.checkContact(c)
      c.id = p.allocateID()
      p.contacts.append(c)
    case .updateContact(let c):
      try R.checkContact(c)
      let i = try R.index(of: c.id, in: p.contacts, "contact")
      p.contacts[i] = c
    case .removeContact(let id):
      p.contacts.remove(at: try R.index(of: id, in: p.contacts, "contact"))

    case .setNeeds(let needs):
      guard var period = p.openPeriod, period.status != .monitoring else {
        if let rule = censusRuleBroken(code: .N, needs: needs) { throw EditError(rule) }
        return
      }
      if let rule = censusRuleBroken(code: period.status.censusCode, needs: needs) {
        throw EditError(rule)
      }
      period.needs = needs
      p.senPeriods[p.senPeriods.count - 1] = period
    case .startMonitoring(let day):
      guard p.status != .monitoring else {
        throw EditError("\(p.displayName) is already being monitored.")
      }
      guard p.status != .ehcPlan else {
        throw EditError(
          "\(p.displayName) has an EHC plan; cease the plan before moving them to monitoring.")
      }
      try R.open(.monitoring, on: day, needs: [], parentsInformed: nil, in: &p, today: today)
    case .startSENSupport(let day, let needs, let told):
      guard p.status != .senSupport else {
        throw EditError("\(p.displayName) is already on SEN support.")
      }
      guard p.status != .ehcPlan else {
        throw EditError(
          "\(p.displayName) has an EHC plan; cease the plan to move them to SEN support.")
      }
      if let rule = censusRuleBroken(code: .K, needs: needs) { throw EditError(rule) }
      try R.notFuture(told, "The date parents were told", today)
      try R.open(.senSupport, on: day, needs: needs, parentsInformed: told, in: &p, today: today)
    case .setParentsInformed(let told):
      guard var period = p.openPeriod, period.status == .senSupport else {
        throw EditError("\(p.displayName) is not on SEN support.")
      }
      try R.notFuture(told, "The date parents were told", today)
      period.parentsInformed = told
      p.senPeriods[p.senPeriods.count - 1] = period
    case .startEHCPlanStatus(let day, let needs):
      guard p.status != .ehcPlan else {
        throw EditError("\(p.displayName) already has an EHC plan.")
      }
      let chosen = needs ?? p.needs
      if let rule = censusRuleBroken(code: .E, needs: chosen) { throw EditError(rule) }
      try R.open(.ehcPlan, on: day, needs: chosen, parentsInformed: nil, in: &p, today: today)
    case .endSEN(let day):
      guard let open = p.openPeriod else {
        throw EditError("\(p.displayName) is not on the SEN register.")
      }
      if open.status == .ehcPlan, p.ehc.plan?.ceased == nil, p.ehc.plan != nil {
        throw EditError(
          "\(p.displayName) has an EHC plan in force; record that the plan ceased first.")
      }
      try R.close(on: day, in: &p, today: today)

    case .recordEarlierPeriod(let status, let from, let until, let needs):
      try R.recordEarlier(
        SENPeriod(status: status, start: from, end: until, needs: needs), in: &p, today: today)

    case .startCycle(let day, let carry):
      try R.notFuture(day, "A cycle's start", today)
      guard let period = p.openPeriod else {
        throw EditError(
          "Start monitoring or SEN support for \(p.displayName) before starting a cycle.")
      }
      try R.notBefore(day, period.start, "A cycle's start", "the start of \(period.status.title)")
      try R.notBefore(
        day, p.joined, "A cycle's start", "the day \(p.displayName) joined the school")
      var cycle = Cycle(id: (p.cycles.map(\.id).max() ?? 0) + 1, started: day)
      if let last = p.cycles.last {
        guard let closed = last.closed else {
          throw EditError(
            "Cycle \(last.id) has not been reviewed yet; record its review before starting another."
          )
        }
        try R.notBefore(day, closed, "The new cycle's start", "the last review")
        if carry { cycle.plan = R.carriedForward(from: last, pupil: &p) }
      }
      p.cycles.append(cycle)
    case .enterStage(let stage, let day):
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        guard let current = Stage.allCases.firstIndex(of: c.stage),
          Stage.allCases.firstIndex(of: stage) == current + 1
        else {
          throw EditError(
            "A cycle moves assess → plan → do → review; it is at \(c.stage.title.lowercased()), so it cannot move to \(stage.title.lowercased())."
          )
        }
        try R.notFuture(day, "The stage date", today)
        try R.notBefore(
          day, c.entered(c.stage), "The stage date",
          "the start of the \(c.stage.title.lowercased()) stage")
        switch stage {
        case .plan: c.planFrom = day
        case .do:
          guard c.plan.agreement != nil else {
            throw EditError(
              "Support can begin (do) only once the plan is agreed: record who agreed it and when.")
          }
          guard !c.plan.outcomes.isEmpty else {
            throw EditError("The plan needs at least one outcome before support begins.")
          }
          c.doFrom = day
        case .review: c.reviewFrom = day
        case .assess: break
        }
        c.stage = stage
      }
    case .updateAssessment(let a):
      try R.notFuture(a.senDecision, "The SEN decision date", today)
      try R.withOpenCycle(&p) { $0.assessment = a }
    case .setProfile(let profile):
      try R.withOpenCycle(&p) { $0.plan.profile = profile }
    case .addOutcome(var o):
      try R.checkOutcome(o)
      o.id = p.allocateID()
      try R.withOpenCycle(&p) { $0.plan.outcomes.append(o) }
    case .updateOutcome(let o):
      try R.checkOutcome(o)
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        c.plan.outcomes[try R.index(of: o.id, in: c.plan.outcomes, "outcome")] = o
      }
    case .removeOutcome(let id):
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        c.plan.outcomes.remove(at: try R.index(of: id, in: c.plan.outcomes, "outcome"))
        for i in c.plan.provision.indices { c.plan.provision[i].outcomeIDs.removeAll { $0 == id } }
      }
    case .moveOutcome(let id, let to):
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        let from = try R.index(of: id, in: c.plan.outcomes, "outcome")
        guard c.plan.outcomes.indices.contains(to) else {
          throw EditError("There is no position \(to + 1) to move to.")
        }
        c.plan.outcomes.insert(c.plan.outcomes.remove(at: from), at: to)
      }
    case .addProvision(var v):
      if let problem = v.problem { throw EditError(problem) }
      v.id = p.allocateID()
      try R.withOpenCycle(&p) { $0.plan.provision.append(v) }
    case .updateProvision(let v):
      if let problem = v.problem { throw EditError(problem) }
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        c.plan.provision[try R.index(of: v.id, in: c.plan.provision, "provision")] = v
      }
    case .removeProvision(let id):
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        c.plan.provision.remove(at: try R.index(of: id, in: c.plan.provision, "provision"))
      }
    case .setStrategies(let list):
      try R.withOpenCycle(&p) {
        $0.plan.strategies = list.map(Text.cleanMultiline).filter { !$0.isEmpty }
      }
    case .setParticipants(let list):
      try R.withOpenCycle(&p) {
        $0.plan.participants = list.filter { !$0.name.isEmpty || $0.role == .pupil }
      }
    case .setPupilVoice(let text):
      try R.withOpenCycle(&p) { $0.plan.pupilVoice = Text.cleanMultiline(text) }
    case .setParentViews(let text):
      try R.withOpenCycle(&p) { $0.plan.parentViews = Text.cleanMultiline(text) }
    case .recordAgreement(let agreement):
      if let a = agreement {
        guard !a.agreedBy.isEmpty else { throw EditError("Say who agreed the plan.") }
        try R.notFuture(a.on, "The agreement date", today)
      }
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        if agreement == nil, c.stage >= .do {
          throw EditError("Support has begun on this plan, so its agreement cannot be removed.")
        }
        try R.notBefore(agreement?.on, c.assessFrom, "The agreement date", "the start of the cycle")
        c.plan.agreement = agreement
      }
    case .setReviewDate(let day):
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        try R.notBefore(day, c.assessFrom, "The review date", "the start of the cycle")
        c.plan.reviewDate = day
      }
    case .setTrainingNeeds(let text):
      try R.withOpenCycle(&p) { $0.plan.trainingNeeds = Text.cleanMultiline(text) }
    case .addDeliveryNote(var note):
      guard !note.note.isEmpty else { throw EditError("A delivery note needs some text.") }
      try R.notFuture(note.date, "The delivery note's date", today)
      note.id = p.allocateID()
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        guard c.stage == .do || c.stage == .review else {
          throw EditError(
            "Delivery notes belong to the do stage; this cycle is at \(c.stage.title.lowercased())."
          )
        }
        c.delivery.append(note)
      }
    case .recordReview(let review):
      try R.notFuture(review.date, "The review date", today)
      try R.withOpenCycle(&p) { (c) throws(EditError) in
        guard c.stage == .review else {
          throw EditError(
            "The cycle is at \(c.stage.title.lowercased()); move it to review before recording the review."
          )
        }
        try R.notBefore(
          review.date, c.reviewFrom, "The review date", "the start of the review stage")
        let outcomeIDs = Set(c.plan.outcomes.map(\.id))
        for (n, o) in c.plan.outcomes.enumerated() where review.rating(for: o.id) == nil {
          throw EditError(
            "Outcome \(n + 1) (\(Text.excerpt(o.text))) has no rating; every outcome needs one.")
        }
        if let stray = review.ratings.first(where: { !outcomeIDs.contains($0.outcomeID) }) {
          throw EditError(
            "A rating refers to outcome id \(stray.outcomeID), which is not in this plan.")
        }
        c.review = review
        c.closed = review.date
      }

    case .log(var entry):
      try R.checkLog(entry, today: today)
      entry.id = p.allocateID()
      p.insertInOrder(entry)
    case .updateLog(let entry):
      try R.checkLog(entry, today: today)
      p.chronology.remove(at: try R.index(of: entry.id, in: p.chronology, "log entry"))
      p.insertInOrder(entry)
    case .removeLog(let id):
      p.chronology.remove(at: try R.index(of: id, in: p.chronology, "log entry"))
    case .setSpecialistProvision(let place):
      if let place, !SpecialistProvision.allowed(with: p.censusCode) {
        throw EditError(
          "A \(place.title) place is recorded only for a pupil on SEN support (K) or an EHC plan (E); \(p.displayName) is \(p.censusCode.rawValue)."
        )
      }
      p.specialistProvision = place
    case .markDone(let ref, let day):
      try p.markDone(ref, on: day, today: today)
    case .updateReviewAction(let cycle, let index, let action):
      try p.updateReviewAction(cycle: cycle, index: index, action, today: today)

    default:
      try applyEHC(to: &p, today: today)
    }
  }
}

extension Text {
  /// The first words of a text, for messages and summaries.
  public static func excerpt(_ s: String, length: Int = 40) -> String {
    let line = s.split(separator: "\n").first.map(String.init) ?? ""
    return line.count <= length ? line : String(line.prefix(length - 1)) + "…"
  }
}

extension Pupil {
  /// Puts an entry where it belongs in the chronology (by date, then id), found by halving: sorting the whole
  /// of a long history for each entry would make ten years of contacts cost their number squared.
  mutating func insertInOrder(_ entry: LogEntry) {
    var low = 0
    var high = chronology.count
    while low < high {
      let mid = low + (high - low) / 2
      let m = chronology[mid]
      if (m.date, m.id) < (entry.date, entry.id) { low = mid + 1 } else { high = mid }
    }
    chronology.insert(entry, at: low)
  }
}
