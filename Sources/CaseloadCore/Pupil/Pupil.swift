import Foundation

/// Identifies an aggregate in the store. Pupils get random ids; a unique prefix is enough to name one.
public struct AggregateID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public static func newPupil() -> AggregateID {
    AggregateID(
      "p" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(15))
  }
  public static let settings = AggregateID("settings")
  public var description: String { rawValue }
  public static func < (a: AggregateID, b: AggregateID) -> Bool { a.rawValue < b.rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}

/// A pupil: the aggregate that owns their SEN history, cycles, chronology and EHC process.
public struct Pupil: Hashable, Codable, Sendable, Identifiable {
  public var id: AggregateID
  public var legalName: PersonName
  /// The name the pupil is known by, where it differs from the legal name.
  public var preferredName: PersonName?
  public var dateOfBirth: Day
  /// Year groups above (+1) or below (-1) the one the date of birth gives.
  public var yearGroupOffset: Int
  /// Unique pupil number, 13 characters, where the school has one.
  public var upn: String?
  public var registrationGroup: String?
  public var joined: Day?
  public var left: Day?
  public var senPeriods: [SENPeriod]
  public var contacts: [Contact]
  public var cycles: [Cycle]
  public var chronology: [LogEntry]
  public var ehc: EHCProcess
  /// The next free local id for outcomes, provision, contacts and log entries.
  public var nextLocalID: Int
  /// A place in the school's SEN unit or resourced provision: a census indicator, only with K or E.
  public var specialistProvision: SpecialistProvision?

  public init(
    id: AggregateID, legalName: PersonName, preferredName: PersonName? = nil, dateOfBirth: Day,
    yearGroupOffset: Int = 0, upn: String? = nil, registrationGroup: String? = nil,
    joined: Day? = nil
  ) {
    self.id = id
    self.legalName = legalName
    self.preferredName = preferredName
    self.dateOfBirth = dateOfBirth
    self.yearGroupOffset = yearGroupOffset
    self.upn = upn
    self.registrationGroup = registrationGroup
    self.joined = joined
    self.left = nil
    self.senPeriods = []
    self.contacts = []
    self.cycles = []
    self.chronology = []
    self.ehc = EHCProcess()
    self.nextLocalID = 1
  }

  /// The name to show: preferred where there is one.
  public var displayName: String { (preferredName ?? legalName).full }

  /// "Ollie Smith (legal: Oliver Smith)" where they differ, for lists that must not mislead.
  public var nameWithLegal: String {
    guard let preferred = preferredName, preferred.full != legalName.full else {
      return legalName.full
    }
    return "\(preferred.full) (\(legalName.full))"
  }

  public var sortName: String { (preferredName ?? legalName).sortable }

  public var openPeriod: SENPeriod? { senPeriods.last(where: { $0.isOpen }) }
  public var status: SENStatus? { openPeriod?.status }
  public var censusCode: CensusCode { status?.censusCode ?? .N }
  public var needs: [NeedType] { openPeriod?.needs ?? [] }
  public var primaryNeed: NeedType? { needs.first }
  public var hasLeft: Bool { left != nil }
  public var currentCycle: Cycle? { cycles.last }

  public func yearGroup(on day: Day) -> YearGroup {
    YearGroup(dateOfBirth: dateOfBirth, in: SchoolYear(containing: day), offset: yearGroupOffset)
  }

  /// Age in whole years on a day (a 29 February birthday falls on 28 February in other years).
  public func age(on day: Day) -> Int {
    let (by, bm, bd) = dateOfBirth.parts
    let (y, m, d) = day.parts
    var age = y - by
    let birthdayDay = bm == 2 && bd == 29 && !Day.isLeap(y) ? 28 : bd
    if m < bm || (m == bm && d < birthdayDay) { age -= 1 }
    return age
  }

  mutating func allocateID() -> Int {
    defer { nextLocalID += 1 }
    return nextLocalID
  }
}

/// Someone to contact about the pupil: a parent, carer or other adult.
public struct Contact: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var name: String
  public var relationship: String
  public var phone: String?
  public var email: String?
  public var parentalResponsibility: Bool
  public var notes: String?

  public init(
    id: Int = 0, name: String, relationship: String, phone: String? = nil, email: String? = nil,
    parentalResponsibility: Bool = true, notes: String? = nil
  ) {
    self.id = id
    self.name = Text.clean(name)
    self.relationship = Text.clean(relationship)
    self.phone = phone.map(Text.clean)
    self.email = email.map(Text.clean)
    self.parentalResponsibility = parentalResponsibility
    self.notes = notes.map(Text.cleanMultiline)
  }
}
