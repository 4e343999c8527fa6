import Foundation

/// The few facts `caseload status` needs, gathered by the store in SQL (or computed from pupils by `init(pupils:)`,
/// which the tests hold the store's answer against).
public struct StatusFacts: Hashable, Sendable {
  public struct Count: Hashable, Sendable {
    public var status: SENStatus?
    public var stage: Stage?
    public var pupils: Int
    public init(status: SENStatus?, stage: Stage?, pupils: Int) {
      self.status = status
      self.stage = stage
      self.pupils = pupils
    }
  }

  public struct Due: Hashable, Sendable {
    public var pupil: StatusReport.PupilRef
    public var deadline: Deadline
    public init(pupil: StatusReport.PupilRef, deadline: Deadline) {
      self.pupil = pupil
      self.deadline = deadline
    }
  }

  /// Pupils still at the school, by SEN status and APDR stage.
  public var counts: [Count]
  /// Deadlines not met by `today` (booked meetings still ahead count as not met), due by the window's end.
  public var due: [Due]
  public var escalations: [StatusReport.Escalation]
  /// Pupils on SEN support with fewer meetings with parents this school year than the year asks for.
  public var meetingGaps: [StatusReport.MeetingGap]

  public init(
    counts: [Count], due: [Due], escalations: [StatusReport.Escalation],
    meetingGaps: [StatusReport.MeetingGap]
  ) {
    self.counts = counts
    self.due = due
    self.escalations = escalations
    self.meetingGaps = meetingGaps
  }

  /// The same facts from whole pupil records: slow, simple, and the reference the store's queries must match.
  public init(
    pupils: [Pupil], today: Day, dueBy: Day, expectedMeetings: Int,
    transfers: [Int] = StatutoryLimits.phaseTransferYears
  ) {
    let current = pupils.filter { !$0.hasLeft }
    func ref(_ p: Pupil) -> StatusReport.PupilRef {
      StatusReport.PupilRef(
        p.id, name: p.displayName, dateOfBirth: p.dateOfBirth, year: p.yearGroup(on: today))
    }
    var counts: [Count] = []
    for p in current {
      if let i = counts.firstIndex(where: { $0.status == p.status && $0.stage == p.currentStage }) {
        counts[i].pupils += 1
      } else {
        counts.append(Count(status: p.status, stage: p.currentStage, pupils: 1))
      }
    }
    self.counts = counts
    due = current.flatMap { p in
      p.deadlines(transfers: transfers).filter {
        ($0.met.map { $0 > today } ?? true) && $0.due <= dueBy
      }.map {
        Due(pupil: ref(p), deadline: $0)
      }
    }
    escalations = current.filter(\.isEscalationCandidate).map {
      StatusReport.Escalation(pupil: ref($0), lessThanExpectedReviews: $0.lessThanExpectedReviews)
    }
    meetingGaps = current.compactMap { p in
      guard p.status == .senSupport else { return nil }
      let n = p.parentMeetings(schoolYearOf: today)
      return n < expectedMeetings ? StatusReport.MeetingGap(pupil: ref(p), meetings: n) : nil
    }
  }

  /// In a fixed order, so two ways of gathering the facts can be compared.
  public var normalised: StatusFacts {
    func key(_ c: Count) -> String { "\(c.status?.rawValue ?? "")/\(c.stage?.rawValue ?? "")" }
    return StatusFacts(
      counts: counts.sorted { key($0) < key($1) },
      due: due.sorted {
        ($0.deadline.due, $0.pupil.id, $0.deadline.kind.rawValue) < (
          $1.deadline.due, $1.pupil.id, $1.deadline.kind.rawValue
        )
      },
      escalations: escalations.sorted { $0.pupil.id < $1.pupil.id },
      meetingGaps: meetingGaps.sorted { $0.pupil.id < $1.pupil.id })
  }
}

/// What `caseload status` reports: the state of the caseload on a day, each section read from the agenda.
public struct StatusReport: Hashable, Codable, Sendable {
  public struct PupilRef: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var dateOfBirth: Day
    public var year: String

    public init(_ id: AggregateID, name: String, dateOfBirth: Day, year: YearGroup) {
      self.id = id.rawValue
      self.name = name
      self.dateOfBirth = dateOfBirth
      self.year = year.description
    }
  }

  public struct Escalation: Hashable, Codable, Sendable {
    public var pupil: PupilRef
    public var lessThanExpectedReviews: Int
    public init(pupil: PupilRef, lessThanExpectedReviews: Int) {
      self.pupil = pupil
      self.lessThanExpectedReviews = lessThanExpectedReviews
    }
  }

  /// Meetings with parents held this school year by a pupil on SEN support.
  public struct MeetingGap: Hashable, Codable, Sendable {
    public var pupil: PupilRef
    public var meetings: Int
    public init(pupil: PupilRef, meetings: Int) {
      self.pupil = pupil
      self.meetings = meetings
    }
  }

  public var today: Day
  public var schoolYear: String
  public var term: String?
  public var pupils: Int
  public var census: [String: Int]
  public var monitoring: Int
  public var stages: [String: Int]
  /// Missed: plan reviews, follow-ups, actions and provision endings.
  public var overdue: [AgendaItem]
  /// The same kinds due within `dueSoonDays`.
  public var dueSoon: [AgendaItem]
  public var ehcOverdue: [AgendaItem]
  public var ehcDueSoon: [AgendaItem]
  public var escalationCandidates: [Escalation]
  /// Pupils on SEN support a term behind on meetings with parents: the meeting a term that has ended called for.
  public var behindOnParentMeetings: [AgendaItem]
  public var parentMeetingsExpected: Int
  /// How many items each section holds, when the lists were cut to the most urgent (`limit`): not in JSON,
  /// which always carries every item.
  public var sizes: [String: Int] = [:]

  enum CodingKeys: String, CodingKey {
    case today, schoolYear, term, pupils, census, monitoring, stages, overdue, dueSoon, ehcOverdue
    case ehcDueSoon, escalationCandidates, behindOnParentMeetings, parentMeetingsExpected
  }

  public static let dueSoonDays = 14
  public static let ehcWindowDays = Urgency.ehcWindowDays

  /// The last day a status report looks ahead to.
  public static func horizon(from today: Day) -> Day {
    today.adding(days: max(dueSoonDays, ehcWindowDays))
  }

  /// `limit`: keep only the most urgent items of each section (their sizes go in `sizes`), for a report that is
  /// read rather than parsed: a school that has missed thousands of dates costs no more to summarise.
  public init(facts: StatusFacts, today: Day, settings: SchoolSettings, limit: Int? = nil) {
    self.today = today
    schoolYear = SchoolYear(containing: today).name
    term = settings.terms.first { $0.start <= today && today <= $0.end }?.title
    var census = ["N": 0, "K": 0, "E": 0]
    var stages = ["assess": 0, "plan": 0, "do": 0, "review": 0, "none": 0]
    var monitoring = 0
    var pupils = 0
    for c in facts.counts {
      pupils += c.pupils
      census[(c.status?.censusCode ?? .N).rawValue, default: 0] += c.pupils
      if c.status == .monitoring { monitoring += c.pupils }
      if c.status != nil { stages[c.stage?.rawValue ?? "none", default: 0] += c.pupils }
    }
    self.pupils = pupils
    self.census = census
    self.monitoring = monitoring
    self.stages = stages

    // Sections are sorted as facts and only the items shown are made: most of the cost of an item is its text.
    var sections: [[StatusFacts.Due]] = [[], [], [], []]
    for d in facts.due where d.deadline.status(on: today).isOpen {
      let days = d.deadline.due.ordinal - today.ordinal
      if d.deadline.kind.isEHC {
        if days < 0 {
          sections[2].append(d)
        } else if days <= Self.ehcWindowDays {
          sections[3].append(d)
        }
      } else if days < 0 {
        sections[0].append(d)
      } else if days <= Self.dueSoonDays {
        sections[1].append(d)
      }
    }
    let made = sections.map { section in
      Self.soonestFirst(section).prefix(limit ?? section.count).map {
        AgendaItem(pupil: $0.pupil, deadline: $0.deadline, today: today)
      }
    }
    overdue = made[0]
    dueSoon = made[1]
    ehcOverdue = made[2]
    ehcDueSoon = made[3]
    sizes = [
      "overdue": sections[0].count, "dueSoon": sections[1].count, "ehcOverdue": sections[2].count,
      "ehcDueSoon": sections[3].count,
    ]
    escalationCandidates = facts.escalations.sorted {
      ($0.pupil.name, $0.pupil.id) < ($1.pupil.name, $1.pupil.id)
    }
    let pace = MeetingPace(today: today, settings: settings)
    let behind = facts.meetingGaps.compactMap { gap -> StatusFacts.Due? in
      guard let item = pace.item(held: gap.meetings), item.due < today else { return nil }
      return StatusFacts.Due(pupil: gap.pupil, deadline: item)
    }
    behindOnParentMeetings = Self.soonestFirst(behind).prefix(limit ?? behind.count).map {
      AgendaItem(pupil: $0.pupil, deadline: $0.deadline, today: today)
    }
    sizes["behindOnParentMeetings"] = behind.count
    parentMeetingsExpected = settings.parentMeetingsPerYear
  }

  /// `AgendaItem.soonest` order, worked out before the items are made: the due date, then the pupil's name, id
  /// and the item's key, texts by their bytes.
  static func soonestFirst(_ facts: [StatusFacts.Due]) -> [StatusFacts.Due] {
    let keys = facts.map { $0.deadline.key(pupil: AggregateID($0.pupil.id)) }
    let order = facts.indices.sorted { a, b in
      let x = facts[a]
      let y = facts[b]
      if x.deadline.due != y.deadline.due { return x.deadline.due < y.deadline.due }
      if let less = AgendaItem.bytesLess(x.pupil.name, y.pupil.name) { return less }
      if let less = AgendaItem.bytesLess(x.pupil.id, y.pupil.id) { return less }
      return AgendaItem.bytesLess(keys[a], keys[b]) ?? false
    }
    return order.map { facts[$0] }
  }
}
