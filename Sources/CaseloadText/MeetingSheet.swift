import CaseloadCore
import Foundation

/// Everything a review meeting agreed, in the order it was agreed, as headed sections of plain lines: what the
/// meeting's summary screen reads back to the room and what `caseload meeting` prints for the notes sent home.
public struct MeetingReadBack {
  public struct Line: Equatable {
    public var text: String
    /// Columns before the text (and before every wrapped line of it on screen).
    public var indent = 2
    public var bold = false
    public var dim = false
  }

  public struct Section: Equatable {
    public var heading: String
    public var lines: [Line]
  }

  public var sections: [Section]

  /// Whether the meeting is over (past tense, "was present") or still being held.
  init(
    cycle: Cycle, present: [Participant], ratings: [OutcomeRating],
    progress: CaseloadCore.Progress?,
    pupilViews: String, parentViews: String, supportRight: String, decision: ReviewDecision?,
    inMotion: [String], nextReview: Day?, actions: [ReviewAction], recorded: Bool
  ) {
    var s: [Section] = []
    s.append(
      Section(
        heading: recorded ? "Who was present" : "Who is present",
        lines: present.isEmpty
          ? [Line(text: "No one recorded.", dim: true)]
          : present.map { Line(text: MeetingText.person($0)) }))

    var outcomes: [Line] = []
    if cycle.plan.outcomes.isEmpty {
      outcomes.append(Line(text: "The plan has no outcomes.", dim: true))
    }
    for (n, o) in cycle.plan.outcomes.enumerated() {
      let number = "\(n + 1). "
      let rest = 2 + number.count
      outcomes.append(Line(text: number + o.text))
      let rated = ratings.first { $0.outcomeID == o.id }
      outcomes.append(
        Line(
          text: "Rating: " + (rated?.rating.title ?? "not rated yet"), indent: rest,
          bold: rated != nil,
          dim: rated == nil))
      if let note = rated?.note, !note.isEmpty {
        outcomes.append(Line(text: "Note: " + note, indent: rest))
      }
    }
    s.append(Section(heading: "Outcomes", lines: outcomes))
    s.append(
      Section(
        heading: "Progress",
        lines: [
          progress.map { Line(text: $0.title.capitalizedFirst + ".", bold: true) }
            ?? Line(text: "Not said yet.", dim: true)
        ]))

    func prose(_ heading: String, _ text: String) -> Section {
      Section(
        heading: heading,
        lines: text.isEmpty
          ? [Line(text: "Not recorded.", dim: true)]
          : text.components(separatedBy: "\n").map { Line(text: $0) })
    }
    s.append(prose("The pupil's voice", pupilViews))
    s.append(prose("The parents' views", parentViews))
    s.append(prose("Is the support what they need?", supportRight))

    var decided: [Line] = []
    if let decision {
      decided.append(Line(text: decision.title.capitalizedFirst + ".", bold: true))
      if !inMotion.isEmpty {
        decided.append(Line(text: recorded ? "What it set in motion:" : "What it sets in motion:"))
        decided += inMotion.map { Line(text: "• " + $0, indent: 4) }
      }
    } else {
      decided.append(Line(text: "Not decided yet.", dim: true))
    }
    s.append(Section(heading: "Decision", lines: decided))

    let next: Line
    if decision == .removeFromRegister {
      next = Line(text: "None: the pupil comes off the SEN register.")
    } else if let nextReview {
      next = Line(text: MeetingText.day(nextReview), bold: true)
    } else {
      next = Line(text: "Not set yet.", dim: true)
    }
    s.append(Section(heading: "Next review", lines: [next]))
    s.append(
      Section(
        heading: "Actions",
        lines: actions.isEmpty
          ? [Line(text: "None agreed.", dim: true)]
          : actions.enumerated().map {
            Line(text: "\($0.offset + 1). " + MeetingText.action($0.element))
          }
      ))
    sections = s
  }

  /// The meeting in progress, as it stands.
  public init(draft: MeetingDraft, pupil: Pupil) {
    let cycle =
      pupil.cycles.first { $0.id == draft.cycleID } ?? Cycle(id: draft.cycleID, started: draft.date)
    self.init(
      cycle: cycle, present: draft.present, ratings: draft.ratings, progress: draft.progress,
      pupilViews: draft.pupilViews, parentViews: draft.parentViews,
      supportRight: draft.supportRight,
      decision: draft.decision, inMotion: MeetingText.inMotion(draft, pupil: pupil),
      nextReview: draft.nextReview, actions: draft.actions, recorded: false)
  }

  /// A recorded review, with what it set in motion read from the pupil as stored.
  public init(review: Review, cycle: Cycle, pupil: Pupil) {
    let next = pupil.cycles.first { $0.id == cycle.id + 1 }
    self.init(
      cycle: cycle, present: review.participants, ratings: review.ratings,
      progress: review.progress,
      pupilViews: review.pupilViews, parentViews: review.parentViews,
      supportRight: review.supportRight,
      decision: review.decision,
      inMotion: MeetingText.setInMotion(by: review, cycleID: cycle.id, pupil: pupil),
      nextReview: next?.plan.reviewDate, actions: review.actions, recorded: true)
  }
}

/// The record of a pupil's last review meeting, for the notes sent to the parents: what `caseload meeting`
/// prints. The last meeting is the review of the latest reviewed cycle.
public struct MeetingSheet {
  public var pupil: Pupil
  public var today: Day

  public init(pupil: Pupil, today: Day) {
    self.pupil = pupil
    self.today = today
  }

  /// The latest reviewed cycle, if any.
  var reviewed: (cycle: Cycle, review: Review)? {
    pupil.cycles.last { $0.review != nil }.map { ($0, $0.review!) }
  }

  public func render(into out: inout Output) {
    let p = pupil
    guard let (cycle, review) = reviewed else {
      out.line(
        "\(p.displayName) has had no review meeting yet: R on the caseload runs one once the cycle is at do."
      )
      return
    }
    out.heading("\(p.nameWithLegal) — review meeting, \(MeetingText.day(review.date))")
    let year = p.yearGroup(on: review.date).number
    let yearText = year < 0 ? "Nursery" : year == 0 ? "Reception" : "Year \(year)"
    out.line(
      "  Review of cycle \(cycle.id) of the SEN support plan; born \(p.dateOfBirth.british), \(yearText) at the time"
    )
    let readBack = MeetingReadBack(review: review, cycle: cycle, pupil: p)
    for section in readBack.sections {
      out.line()
      out.heading(section.heading)
      for line in section.lines {
        for piece in line.text.components(separatedBy: "\n") {
          let text = String(repeating: " ", count: line.indent) + piece
          out.line(line.dim ? out.dim(text) : text)
        }
      }
    }
  }
}
