import Foundation

/// The check a record read from outside passes before Caseload keeps it (a backup being restored, a file a
/// person may have edited): the limits the edits enforce, so nothing later meets a value no edit could make.
///
/// Dates must fall in `RecordCheck.years`, the years date entry accepts; decoding with `strictDecoder` refuses
/// any other, wherever in the record it is.
public enum RecordCheck {
  /// The years Caseload works with, everywhere a date enters.
  public static let years = DateEntry.years

  /// Local ids (outcomes, provision, contacts, log entries) and cycle numbers stay below this.
  public static let largestID = 1_000_000_000
  /// No hourly rate, threshold or cost above £10 million.
  public static let largestPence = 1_000_000_000

  /// A decoder that refuses dates outside `years`.
  public static func strictDecoder() -> JSONDecoder {
    let d = JSONDecoder()
    d.userInfo[Day.strictYears] = true
    return d
  }

  /// Why this pupil's record could not have been made by Caseload's edits, field by field; empty when sound.
  public static func problems(in p: Pupil) -> [String] {
    var out: [String] = []
    func check(_ ok: Bool, _ problem: @autoclosure () -> String) {
      if !ok { out.append(problem()) }
    }
    check(!p.id.rawValue.isEmpty && p.id.rawValue.count <= 64, "its id is empty or too long")
    check(!p.legalName.given.isEmpty, "the legal first name is empty")
    check(!p.legalName.family.isEmpty, "the legal surname is empty")
    check(
      (-2...2).contains(p.yearGroupOffset),
      "the year-group offset \(p.yearGroupOffset) is not between −2 and +2")
    if let upn = p.upn, let problem = UPN.problem(upn) { out.append("the UPN: \(problem)") }
    check(
      (0...largestID).contains(p.nextLocalID), "the next local id \(p.nextLocalID) is out of range")
    let ids =
      p.contacts.map(\.id) + p.chronology.map(\.id)
      + p.cycles.flatMap { c in c.plan.outcomes.map(\.id) + c.plan.provision.map(\.id) }
    if let bad = ids.first(where: { !(0...largestID).contains($0) }) {
      out.append("the local id \(bad) is out of range")
    }
    for c in p.cycles {
      check((0...largestID).contains(c.id), "the cycle number \(c.id) is out of range")
      for v in c.plan.provision {
        if let problem = v.problem {
          out.append("cycle \(c.id), provision “\(v.intervention)”: \(problem)")
        }
        check(
          v.hourlyRate.pence <= largestPence,
          "cycle \(c.id), provision “\(v.intervention)”: the hourly rate is out of range")
      }
    }
    return out
  }

  /// Why these settings could not have been made by the settings editor; empty when sound.
  public static func problems(in s: SchoolSettings) -> [String] {
    var out: [String] = []
    func check(_ ok: Bool, _ problem: @autoclosure () -> String) {
      if !ok { out.append(problem()) }
    }
    check(
      SchoolSettings.retentionYearsAllowed.contains(s.retentionYears),
      "the retention period \(s.retentionYears) years is out of range")
    check(
      SchoolSettings.parentMeetingsAllowed.contains(s.parentMeetingsPerYear),
      "\(s.parentMeetingsPerYear) parent meetings a year is out of range")
    check(
      (0...largestPence).contains(s.notionalThreshold.pence),
      "the notional SEN threshold is out of range")
    check(
      (s.phaseTransferYears ?? []).allSatisfy { (-1...13).contains($0) },
      "a phase-transfer year is out of range")
    for r in s.staffRoles where !(0...largestPence).contains(r.hourlyRate.pence) {
      out.append("the hourly rate of “\(r.name)” is out of range")
    }
    return out
  }
}
