import Foundation

/// What the lists and `status` need of a pupil, computed from the record alone (no `today`), so the store can
/// keep it in columns and answer without decoding documents.
public struct PupilSummary: Hashable, Codable, Sendable {
  public var id: AggregateID
  public var displayName: String
  public var legalName: String
  public var sortName: String
  /// Accent- and case-folded names and UPN for search.
  public var searchKey: String
  public var dateOfBirth: Day
  public var yearGroupOffset: Int
  public var upn: String?
  public var registrationGroup: String?
  public var status: SENStatus?
  public var censusCode: CensusCode
  public var primaryNeed: NeedType?
  public var secondaryNeed: NeedType?
  public var stage: Stage?
  public var nextDue: Day?
  public var nextDueKind: DeadlineKind?
  /// The soonest open EHC statutory date, for the `E` flag.
  public var nextEHCDue: Day?
  /// An item met by a date entered ahead (an annual review meeting booked for next week): open until then.
  public var booked: BookedItem?
  public var left: Day?
  public var lessThanExpectedReviews: Int
  public var escalationCandidate: Bool
  public var parentMeetings: [Day]

  public init(
    id: AggregateID, displayName: String, legalName: String, sortName: String, searchKey: String,
    dateOfBirth: Day, yearGroupOffset: Int, upn: String?, registrationGroup: String?,
    status: SENStatus?,
    primaryNeed: NeedType?, secondaryNeed: NeedType?, stage: Stage?, nextDue: Day?,
    nextDueKind: DeadlineKind?, nextEHCDue: Day? = nil, booked: BookedItem? = nil,
    left: Day?, lessThanExpectedReviews: Int, escalationCandidate: Bool, parentMeetings: [Day]
  ) {
    self.id = id
    self.displayName = displayName
    self.legalName = legalName
    self.sortName = sortName
    self.searchKey = searchKey
    self.dateOfBirth = dateOfBirth
    self.yearGroupOffset = yearGroupOffset
    self.upn = upn
    self.registrationGroup = registrationGroup
    self.status = status
    self.censusCode = status?.censusCode ?? .N
    self.primaryNeed = primaryNeed
    self.secondaryNeed = secondaryNeed
    self.stage = stage
    self.nextDue = nextDue
    self.nextDueKind = nextDueKind
    self.nextEHCDue = nextEHCDue
    self.booked = booked
    self.left = left
    self.lessThanExpectedReviews = lessThanExpectedReviews
    self.escalationCandidate = escalationCandidate
    self.parentMeetings = parentMeetings
  }

  public init(_ p: Pupil, transfers: [Int]) {
    self.init(p, agenda: p.hasLeft ? [] : p.deadlines(transfers: transfers))
  }

  /// `agenda`: the pupil's `deadlines` (none for a leaver), when the caller has worked them out already.
  public init(_ p: Pupil, agenda all: [Deadline]) {
    id = p.id
    displayName = p.displayName
    legalName = p.legalName.full
    sortName = Text.searchKey(p.sortName)
    var keys = [p.legalName.full, p.legalName.given, p.legalName.family]
    if let preferred = p.preferredName { keys.append(preferred.full) }
    if let upn = p.upn { keys.append(upn) }
    searchKey = Text.searchKey(keys.joined(separator: " "))
    dateOfBirth = p.dateOfBirth
    yearGroupOffset = p.yearGroupOffset
    upn = p.upn
    registrationGroup = p.registrationGroup
    status = p.status
    censusCode = p.censusCode
    primaryNeed = p.needs.first
    secondaryNeed = p.needs.count > 1 ? p.needs[1] : nil
    stage = p.currentStage
    let open = all.filter { $0.met == nil }
    let next = Pupil.nextDue(in: open)
    nextDue = next?.due
    nextDueKind = next?.kind
    nextEHCDue = open.filter { $0.kind.isEHC && !$0.kind.isWindow }.map(\.due).min()
    booked = Pupil.booked(in: all)
    left = p.left
    lessThanExpectedReviews = p.lessThanExpectedReviews
    escalationCandidate = p.isEscalationCandidate
    parentMeetings = p.chronology.filter(\.isParentMeeting).map(\.date).sorted()
  }

  public func yearGroup(on day: Day) -> YearGroup {
    YearGroup(dateOfBirth: dateOfBirth, in: SchoolYear(containing: day), offset: yearGroupOffset)
  }
}

/// The item of a record met on the latest date entered: when that date is still ahead (a meeting booked), the
/// item stays open until it, so the lists keep showing it as the status report does.
public struct BookedItem: Hashable, Codable, Sendable {
  public var due: Day
  public var kind: DeadlineKind
  public var until: Day
  public init(due: Day, kind: DeadlineKind, until: Day) {
    self.due = due
    self.kind = kind
    self.until = until
  }
}

/// A deadline with the pupil it belongs to.
public struct PupilDeadline: Hashable, Codable, Sendable {
  public var pupilID: AggregateID
  public var deadline: Deadline
  public init(pupilID: AggregateID, deadline: Deadline) {
    self.pupilID = pupilID
    self.deadline = deadline
  }
}
