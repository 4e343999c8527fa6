import Foundation

/// The checks shared by the edits.
enum PupilRules {
  static func checkDetails(_ p: Pupil, today: Day) throws(EditError) {
    if p.legalName.given.isEmpty {
      throw EditError("The pupil's legal first name cannot be empty.")
    }
    if p.legalName.family.isEmpty { throw EditError("The pupil's legal surname cannot be empty.") }
    if p.dateOfBirth > today {
      throw EditError("The date of birth \(p.dateOfBirth.british) is in the future.")
    }
    let age = p.age(on: today)
    if age < 2 || age > 25 {
      throw EditError(
        "A date of birth of \(p.dateOfBirth.british) makes the pupil \(age) today; Caseload is for ages 2 to 25."
      )
    }
    if let upn = p.upn, let problem = UPN.problem(upn) { throw EditError(problem) }
  }

  static func checkContact(_ c: Contact) throws(EditError) {
    if c.name.isEmpty { throw EditError("A contact needs a name.") }
    if c.relationship.isEmpty {
      throw EditError("Say how \(c.name) is related to the pupil (mother, carer, …).")
    }
    if let email = c.email, !email.isEmpty, let problem = EmailAddress.problem(email) {
      throw EditError(problem)
    }
  }

  static func checkOutcome(_ o: Outcome) throws(EditError) {
    if o.text.isEmpty {
      throw EditError("An outcome needs its text: what the pupil will be able to do.")
    }
  }

  static func checkLog(_ e: LogEntry, today: Day) throws(EditError) {
    if e.summary.isEmpty { throw EditError("Say what the \(e.kind.title) was about.") }
    try notFuture(e.date, "The \(e.kind.title)'s date", today)
    try notBefore(e.followUp, e.date, "The follow-up date", "the \(e.kind.title) itself")
    try notFuture(e.followUpDone, "The day the follow-up was done", today)
    try notBefore(
      e.followUpDone, e.date, "The day the follow-up was done", "the \(e.kind.title) itself")
    if e.followUpDone != nil, e.followUp == nil {
      throw EditError(
        "A follow-up can only be done when it has a date; give the follow-up date too.")
    }
  }

  static func notFuture(_ day: Day?, _ what: String, _ today: Day) throws(EditError) {
    if let day, day > today { throw EditError("\(what) (\(day.british)) cannot be in the future.") }
  }

  static func notBefore(_ day: Day?, _ earliest: Day?, _ what: String, _ other: String)
    throws(EditError)
  {
    if let day, let earliest, day < earliest {
      throw EditError("\(what) (\(day.british)) is before \(other) (\(earliest.british)).")
    }
  }

  static func index<T: Identifiable>(of id: Int, in list: [T], _ what: String) throws(EditError)
    -> Int
  where T.ID == Int {
    guard let i = list.firstIndex(where: { $0.id == id }) else {
      throw EditError("That \(what) no longer exists; it may have been removed in another session.")
    }
    return i
  }

  /// Runs `change` on the current cycle, which must exist and not yet be reviewed.
  static func withOpenCycle(_ p: inout Pupil, _ change: (inout Cycle) throws(EditError) -> Void)
    throws(EditError)
  {
    guard var cycle = p.cycles.last else {
      throw EditError("\(p.displayName) has no APDR cycle yet; start one first.")
    }
    if let closed = cycle.closed {
      throw EditError(
        "Cycle \(cycle.id) was reviewed on \(closed.british) and is closed; start a new cycle to change the plan."
      )
    }
    try change(&cycle)
    p.cycles[p.cycles.count - 1] = cycle
  }

  /// Closes the open period on `day` and opens a new one.
  static func open(
    _ status: SENStatus, on day: Day, needs: [NeedType], parentsInformed: Day?, in p: inout Pupil,
    today: Day
  ) throws(EditError) {
    try notFuture(day, "The start of \(status.title)", today)
    if p.openPeriod != nil { try close(on: day, in: &p, today: today) }
    if let last = p.senPeriods.last, let end = last.end {
      try notBefore(day, end, "The start of \(status.title)", "the end of the previous period")
    }
    p.senPeriods.append(
      SENPeriod(status: status, start: day, needs: needs, parentsInformed: parentsInformed))
  }

  /// Puts a closed period among the others by its start; periods may touch (one ends the day the next starts)
  /// but not overlap.
  static func recordEarlier(_ period: SENPeriod, in p: inout Pupil, today: Day) throws(EditError) {
    guard let end = period.end else { throw EditError("An earlier period needs the day it ended.") }
    let what = "\(period.status.title) from \(period.start.british) to \(end.british)"
    try notFuture(end, "The end of \(period.status.title)", today)
    try notBefore(end, period.start, "The end of \(period.status.title)", "its start")
    try notBefore(
      period.start, p.dateOfBirth, "The start of \(period.status.title)", "the date of birth")
    if period.status != .monitoring,
      let rule = censusRuleBroken(code: period.status.censusCode, needs: period.needs)
    {
      throw EditError(rule)
    }
    if let other = p.senPeriods.first(where: { o in
      period.start < (o.end ?? Day(ordinal: Int.max)) && o.start < end
    }) {
      let otherEnd = other.end.map { "to \($0.british)" } ?? "still open"
      throw EditError(
        "\(what.prefix(1).uppercased() + what.dropFirst()) overlaps \(other.status.title) from \(other.start.british) (\(otherEnd)); periods may meet but not overlap."
      )
    }
    let at = p.senPeriods.firstIndex { $0.start > period.start } ?? p.senPeriods.count
    p.senPeriods.insert(period, at: at)
  }

  static func close(on day: Day, in p: inout Pupil, today: Day) throws(EditError) {
    guard let i = p.senPeriods.lastIndex(where: { $0.isOpen }) else { return }
    try notFuture(day, "The end of \(p.senPeriods[i].status.title)", today)
    try notBefore(
      day, p.senPeriods[i].start, "The end of \(p.senPeriods[i].status.title)", "its start")
    p.senPeriods[i].end = day
  }

  /// A new plan from the last cycle's: profile, strategies, provision and participants stay; outcomes not
  /// achieved at the review come forward with new ids.
  static func carriedForward(from last: Cycle, pupil p: inout Pupil) -> SupportPlan {
    var plan = SupportPlan(
      profile: last.plan.profile, strategies: last.plan.strategies,
      participants: last.plan.participants)
    var newIDs: [Int: Int] = [:]
    for o in last.plan.outcomes where !(last.review?.rating(for: o.id)?.isAchieved ?? false) {
      var copy = o
      copy.id = p.allocateID()
      copy.carriedFrom = o.id
      copy.targetDate = nil
      newIDs[o.id] = copy.id
      plan.outcomes.append(copy)
    }
    for v in last.plan.provision {
      var copy = v
      copy.id = p.allocateID()
      copy.outcomeIDs = v.outcomeIDs.compactMap { newIDs[$0] }
      plan.provision.append(copy)
    }
    return plan
  }
}

/// The unique pupil number: a check letter and twelve characters.
public enum UPN {
  static let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")

  /// Why `upn` is not a valid UPN, or nil.
  public static func problem(_ upn: String) -> String? {
    let chars = Array(upn.uppercased())
    guard chars.count == 13 else { return "A UPN has 13 characters; \(upn) has \(chars.count)." }
    guard chars[1...11].allSatisfy({ $0.isASCII && $0.isNumber }),
      chars[12].isASCII && (chars[12].isNumber || letters.contains(chars[12]))
    else { return "A UPN is a letter followed by 11 digits and a digit or letter; \(upn) is not." }
    guard checkLetter(chars) == chars[0] else {
      return "The UPN \(upn) fails its check letter; look for a typing mistake."
    }
    return nil
  }

  /// The check letter for the last twelve characters of a UPN.
  public static func checkLetter(forLastTwelve rest: String) -> Character? {
    let chars = Array(("?" + rest).uppercased())
    guard chars.count == 13 else { return nil }
    return checkLetter(chars)
  }

  static func checkLetter(_ chars: [Character]) -> Character? {
    var sum = 0
    for i in 1...12 {
      let c = chars[i]
      let value: Int
      if let d = c.wholeNumberValue, c.isASCII {
        value = d
      } else if let l = letters.firstIndex(of: c) {
        value = l
      } else {
        return nil
      }
      sum += value * (i + 1)
    }
    return letters[sum % 23]
  }
}
