import CaseloadCore
import CaseloadStore
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Records read from memory: an editor under test needs no database, and every write it wants shows up as the
/// request it returns.
struct MemoryRecords: RecordReader {
  var pupils: [AggregateID: Loaded<Pupil>] = [:]
  var schoolSettings = Loaded(value: SchoolSettings(), version: 1)
  var drafts: [AggregateID: MeetingDraft] = [:]

  func pupil(_ id: AggregateID) throws -> Loaded<Pupil>? { pupils[id] }
  func settings(today: Day) throws -> Loaded<SchoolSettings> { schoolSettings }
  func meetingDraft(for id: AggregateID) throws -> MeetingDraft? { drafts[id] }
}

/// Editors driven by keys over records in memory: they read, and ask the app for every write.
@Suite struct EditorsInMemoryTests {
  let today = Day(iso: "2026-11-30")!
  let id = AggregateID("pmem1")

  /// A pupil on SEN support with one outcome in a cycle at do, stored at version 7.
  func records() throws -> MemoryRecords {
    var pupil = try PupilEdit.create(
      Pupil(
        id: id, legalName: PersonName(given: "Ada", family: "Lovelace"),
        dateOfBirth: Day(iso: "2017-03-04")!)
    ).apply(to: nil, today: today)
    let edits: [PupilEdit] = [
      .startSENSupport(on: today, needs: [.SPLD], parentsInformed: today),
      .startCycle(on: today, carryForward: false),
      .addOutcome(Outcome(area: .cognitionAndLearning, text: "Ada will read 40 words a minute")),
      .setParticipants([Participant(role: .parentCarer, name: "Anne Lovelace (mother)")]),
      .enterStage(.plan, on: today),
      .recordAgreement(Agreement(agreedBy: "Anne", on: today)),
      .enterStage(.do, on: today),
    ]
    for edit in edits { try edit.applyInPlace(to: &pupil, today: today) }
    var records = MemoryRecords()
    records.pupils[id] = Loaded(value: pupil, version: 7)
    return records
  }

  func context(_ records: MemoryRecords) -> EditorContext {
    EditorContext(records: records, today: today, settings: records.schoolSettings.value)
  }

  @Test func aFormAsksToSaveItsEditsOverTheVersionItLoaded() throws {
    let context = context(try records())
    var editor = try #require(
      FormEditor(.pupil(id), context: context, make: PupilDetailsForm.spec))
    #expect(editor.loadedAt?.version == 7)
    #expect(editor.handle(.end, context: context).said == "stay")
    _ = editor.handle(.char("e"), context: context)
    #expect(editor.isDirty)
    guard case .save(let request) = editor.handle(.ctrl("s"), context: context),
      case .pupil(let saved, let edits, let base) = request.what
    else {
      Issue.record("Ctrl-S should ask the app to save")
      return
    }
    #expect(saved == id)
    #expect(base.version == 7)
    #expect(
      edits.contains {
        if case .setNames(let legal, _) = $0 { legal.given == "Adae" } else { false }
      })
    // The app's answer closes the form with the summary.
    #expect(
      editor.finish(.saved("Ada Lovelace: details"), context: context).said
        == "saved Ada Lovelace: details")
  }

  @Test func aNewMeetingAsksToKeepItsDraftAndPausingClosesOnceKept() throws {
    let context = context(try records())
    guard case .success(var meeting) = MeetingScreen.start(id, context: context) else {
      Issue.record("A cycle at do can be reviewed")
      return
    }
    guard case .save(let request) = meeting.tick(context: context),
      case .keepDraft(let draft) = request.what
    else {
      Issue.record("A new meeting asks to be kept at its first tick")
      return
    }
    #expect(draft.pupilID == id)
    #expect(meeting.finish(.saved(""), context: context).said == "stay")
    // Kept: the next tick asks for nothing.
    #expect(meeting.tick(context: context).said == "stay")
    // Esc, then p: nothing new to keep, so it closes at once and says how to resume.
    _ = meeting.handle(.escape, context: context)
    #expect(meeting.handle(.char("p"), context: context).said == "close")
    #expect(meeting.closingMessage?.text == "Meeting paused; R resumes it.")
  }

  @Test func abandoningAsksToDropTheDraftAndAFailedDropKeepsTheMeetingOpen() throws {
    let context = context(try records())
    guard case .success(var meeting) = MeetingScreen.start(id, context: context) else {
      Issue.record("A cycle at do can be reviewed")
      return
    }
    _ = meeting.finish(.saved(""), context: context)
    _ = meeting.handle(.escape, context: context)
    _ = meeting.handle(.char("a"), context: context)
    guard case .save(let request) = meeting.handle(.char("a"), context: context),
      case .dropDraft(let dropped) = request.what
    else {
      Issue.record("Abandoning asks the app to drop the draft")
      return
    }
    #expect(dropped == id)
    // The store refused: the meeting stays, with the reason on the message line.
    #expect(meeting.finish(.refused("The disk is full."), context: context).said == "stay")
    #expect(meeting.message?.text == "The disk is full.")
    #expect(meeting.message?.isError == true)
    // Still asking: a second `a` tries again.
    #expect(meeting.handle(.char("a"), context: context).said == "save")
    #expect(meeting.finish(.saved(""), context: context).said == "close")
    #expect(meeting.closingMessage?.text == "Meeting abandoned; nothing was recorded.")
  }
}

extension EditorOutcome {
  /// The outcome in a word, to compare (a save request is not comparable).
  var said: String {
    switch self {
    case .stay: "stay"
    case .close: "close"
    case .saved(let line): "saved \(line)"
    case .savedAndStay(let line): "saved and stay \(line)"
    case .undo: "undo"
    case .editExternally: "edit externally"
    case .save: "save"
    }
  }
}
