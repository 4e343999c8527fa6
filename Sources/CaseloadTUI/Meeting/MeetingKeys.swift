import CaseloadCore
import TerminalUI

/// The actions of a review meeting's screens.
public enum MeetingAction: Hashable, Sendable {
  case next, nextScreen, back, nextField, previousField, down, up, forward, backward
  /// A number key: a rating on the outcomes screen, a decision on the decision screen.
  case pick(Int)
  case clear, note
  case progress(Progress)
  case add, edit, remove, record, help
}

extension MeetingScreen {
  /// One table for the meeting's keys: dispatch, help and the README come from it. Inside a text field (the
  /// views, the next review date) the keys type; Tab, Shift-Tab, Ctrl-N, Ctrl-S and Esc still move on.
  public static let keys = try! Keymap<MeetingAction>([
    .init(
      keys: [.enter], action: .next, name: "continue",
      help: "Continue: the next outcome or screen; on the summary, record the meeting", hint: true),
    .init(
      keys: [.ctrl("n")], action: .nextScreen, name: "next-screen",
      help: "The next screen, from anywhere (text fields too)"),
    .init(
      keys: [.escape], action: .back, name: "back",
      help: "Back a screen; on the first, pause or abandon the meeting", hint: true),
    .init(
      keys: [.tab], action: .nextField, name: "next-field",
      help: "The next field; after the last, the next screen"),
    .init(
      keys: [.shiftTab], action: .previousField, name: "previous-field",
      help: "The field before; before the first, the screen before"),
    .init(
      keys: [.down, .char("j")], action: .down, name: "down",
      help: "The next person or action; elsewhere, scroll down"),
    .init(
      keys: [.up, .char("k")], action: .up, name: "up",
      help: "The person or action before; elsewhere, scroll up"),
    .init(
      keys: [.right, .pageDown], action: .forward, name: "next-outcome",
      help: "The next outcome (elsewhere a page down)"),
    .init(
      keys: [.left, .pageUp], action: .backward, name: "previous-outcome",
      help: "The outcome before (elsewhere a page up)"),
    .init(
      keys: [.char("1")], action: .pick(1), name: "key-1",
      help: "Rate: achieved (on the −2…+2 scale: −2); decide: continue"),
    .init(
      keys: [.char("2")], action: .pick(2), name: "key-2",
      help: "Rate: partly achieved (−1); decide: step support up"),
    .init(
      keys: [.char("3")], action: .pick(3), name: "key-3",
      help: "Rate: not yet achieved (0); decide: step support down"),
    .init(
      keys: [.char("4")], action: .pick(4), name: "key-4",
      help: "Rate: +1 on the −2…+2 scale; decide: remove from the SEN register"),
    .init(
      keys: [.char("5")], action: .pick(5), name: "key-5",
      help: "Rate: +2 on the −2…+2 scale; decide: request an EHC needs assessment"),
    .init(
      keys: [.char("x"), .backspace], action: .clear, name: "clear-rating",
      help: "Clear the outcome's rating"),
    .init(
      keys: [.char("n")], action: .note, name: "note", help: "Add or edit the outcome's note",
      hint: true),
    .init(
      keys: [.char("+")], action: .progress(.betterThanExpected), name: "better",
      help: "Progress better than expected"),
    .init(
      keys: [.char("=")], action: .progress(.expected), name: "as-expected",
      help: "Progress as expected"),
    .init(
      keys: [.char("-")], action: .progress(.lessThanExpected), name: "less",
      help: "Progress less than expected"),
    .init(
      keys: [.char("a")], action: .add, name: "add",
      help: "Add someone present, or an action (what, who, by when)", hint: true),
    .init(
      keys: [.char("e")], action: .edit, name: "edit", help: "Edit the person or action"),
    .init(
      keys: [.char("d")], action: .remove, name: "remove", help: "Remove the person or action"),
    .init(
      keys: [.ctrl("s")], action: .record, name: "record",
      help: "Record the meeting as one step (from another screen: the summary first)"),
    .init(
      keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do (F1 too)",
      hint: true),
  ])
}
