import Foundation

/// What `caseload status` reports: the state of the caseload on a day, from summaries and open deadlines only.
public struct StatusReport: Hashable, Codable, Sendable {
  public struct PupilRef: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var dateOfBirth: Day
    public var year: String
  }

  public struct DueItem: Hashable, Codable, Sendable {
    public var pupil: PupilRef
    public var kind: String
    public var title: String
    public var detail: String
    public var due: Day
    /// Days from today to the due date: negative when overdue.
    public var days: Int
  }

  public struct Escalation: Hashable, Codable, Sendable {
    public var pupil: PupilRef
    public var lessThanExpectedReviews: Int
  }

  public struct MeetingGap: Hashable, Codable, Sendable {
    public var pupil: PupilRef
    public var meetings: Int
  }

  public var today: Day
  public var schoolYear: String
  public var term: String?
  public var pupils: Int
  public var census: [String: Int]
  public var monitoring: Int
  public var stages: [String: Int]
  public var reviewsOverdue: [DueItem]
  public var reviewsDueSoon: [DueItem]
  public var ehcOverdue: [DueItem]
  public var ehcDueSoon: [DueItem]
  public var escalationCandidates: [Escalation]
  public var fewParentMeetings: [MeetingGap]
  public var parentMeetingsExpected: Int

  public static let reviewWindowDays = 14
  public static let ehcWindowDays = 28

  /// `summaries` of pupils still at the school; `deadlines` open ones due within the EHC window at least.
  public init(
    summaries: [PupilSummary], deadlines: [PupilDeadline], today: Day, settings: SchoolSettings
  ) {
    let current = summaries.filter { $0.left == nil }
    let byID = Dictionary(current.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func ref(_ s: PupilSummary) -> PupilRef {
      PupilRef(
        id: s.id.rawValue, name: s.displayName, dateOfBirth: s.dateOfBirth,
        year: s.yearGroup(on: today).description)
    }
    self.today = today
    let year = SchoolYear(containing: today)
    schoolYear = year.name
    term = settings.terms.first { $0.start <= today && today <= $0.end }?.title
    pupils = current.count
    var census = ["N": 0, "K": 0, "E": 0]
    var stages = ["assess": 0, "plan": 0, "do": 0, "review": 0, "none": 0]
    for s in current {
      census[s.censusCode.rawValue, default: 0] += 1
      if s.censusCode != .N || s.status == .monitoring {
        stages[s.stage?.rawValue ?? "none", default: 0] += 1
      }
    }
    self.census = census
    self.stages = stages
    monitoring = current.filter { $0.status == .monitoring }.count

    var reviewsOverdue: [DueItem] = []
    var reviewsDueSoon: [DueItem] = []
    var ehcOverdue: [DueItem] = []
    var ehcDueSoon: [DueItem] = []
    for d in deadlines {
      guard let s = byID[d.pupilID] else { continue }
      let days = today.days(until: d.deadline.due)
      if d.deadline.kind.isWindow && days < 0 { continue }
      let item = DueItem(
        pupil: ref(s), kind: d.deadline.kind.rawValue, title: d.deadline.kind.title,
        detail: d.deadline.detail,
        due: d.deadline.due, days: days)
      if d.deadline.kind.isEHC {
        if days < 0 {
          ehcOverdue.append(item)
        } else if days <= Self.ehcWindowDays {
          ehcDueSoon.append(item)
        }
      } else {
        if days < 0 {
          reviewsOverdue.append(item)
        } else if days <= Self.reviewWindowDays {
          reviewsDueSoon.append(item)
        }
      }
    }
    func soonest(_ a: DueItem, _ b: DueItem) -> Bool {
      (a.due, a.pupil.name) < (b.due, b.pupil.name)
    }
    self.reviewsOverdue = reviewsOverdue.sorted(by: soonest)
    self.reviewsDueSoon = reviewsDueSoon.sorted(by: soonest)
    self.ehcOverdue = ehcOverdue.sorted(by: soonest)
    self.ehcDueSoon = ehcDueSoon.sorted(by: soonest)

    escalationCandidates = current.filter(\.escalationCandidate).map {
      Escalation(pupil: ref($0), lessThanExpectedReviews: $0.lessThanExpectedReviews)
    }
    parentMeetingsExpected = settings.parentMeetingsPerYear
    fewParentMeetings = current.compactMap { s in
      guard s.censusCode != .N else { return nil }
      let n = s.parentMeetings.filter { year.contains($0) && $0 <= today }.count
      return n < settings.parentMeetingsPerYear ? MeetingGap(pupil: ref(s), meetings: n) : nil
    }
  }
}
