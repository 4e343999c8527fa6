import Foundation

/// School-wide settings: one aggregate per store.
public struct SchoolSettings: Hashable, Codable, Sendable {
  public var schoolName: String
  public var localAuthority: String
  public var localAuthoritySENDEmail: String
  public var terms: [Term]
  public var staffRoles: [StaffRole]
  /// SEN files are kept until date of birth plus this many years.
  /// How long SEN files are kept, in years after the date of birth: the settings editor, the edit and the backup
  /// check all take this range.
  public static let retentionYearsAllowed = 1...100
  /// Parent meetings expected in a school year, wherever the number enters.
  public static let parentMeetingsAllowed = 0...20

  public var retentionYears: Int
  public var ratingScale: RatingScale
  /// Parent meetings a school year below which a pupil is flagged.
  public var parentMeetingsPerYear: Int
  /// The additional support a school funds per pupil a year before the LA may top up.
  public var notionalThreshold: Money
  /// The year groups after which pupils here move to a new phase (-1: nursery → Reception; 2: infant →
  /// junior; 4 and 8: first → middle → upper; 6; 11: to post-16); nil: the usual -1, 6 and 11.
  public var phaseTransferYears: [Int]?

  /// The year groups whose move has an amended EHC plan due by 15 February (31 March after Year 11).
  public var transferYears: [Int] { phaseTransferYears ?? StatutoryLimits.phaseTransferYears }

  public init(
    schoolName: String = "", localAuthority: String = "", localAuthoritySENDEmail: String = "",
    terms: [Term] = [], staffRoles: [StaffRole] = StaffRole.defaults, retentionYears: Int = 31,
    ratingScale: RatingScale = .achievedPartlyNotYet, parentMeetingsPerYear: Int = 3,
    notionalThreshold: Money = Money(pence: 600_000)
  ) {
    self.schoolName = schoolName
    self.localAuthority = localAuthority
    self.localAuthoritySENDEmail = localAuthoritySENDEmail
    self.terms = terms
    self.staffRoles = staffRoles
    self.retentionYears = retentionYears
    self.ratingScale = ratingScale
    self.parentMeetingsPerYear = parentMeetingsPerYear
    self.notionalThreshold = notionalThreshold
  }

  /// Settings for a new store: default English term dates for the school year of `today` and the next.
  public static func defaults(today: Day) -> SchoolSettings {
    let year = SchoolYear(containing: today)
    return SchoolSettings(terms: DefaultTerms.terms(for: year) + DefaultTerms.terms(for: year.next))
  }

  /// The term a day falls in, or the next one to start when it is a holiday.
  public func term(on day: Day) -> Term? {
    terms.sorted { $0.start < $1.start }.first { day <= $0.end }
  }

  public func rate(for role: String) -> Money? {
    staffRoles.first { $0.name.caseInsensitiveCompare(role) == .orderedSame }?.hourlyRate
  }
}

/// A staff role and what an hour of it costs the school.
public struct StaffRole: Hashable, Codable, Sendable {
  public var name: String
  public var hourlyRate: Money
  public init(name: String, hourlyRate: Money) {
    self.name = Text.clean(name)
    self.hourlyRate = hourlyRate
  }

  public static let defaults = [
    StaffRole(name: "Teaching assistant", hourlyRate: Money(pence: 1_650)),
    StaffRole(name: "HLTA", hourlyRate: Money(pence: 1_950)),
    StaffRole(name: "Teacher", hourlyRate: Money(pence: 3_900)),
    StaffRole(name: "SENCo", hourlyRate: Money(pence: 4_500)),
  ]
}
