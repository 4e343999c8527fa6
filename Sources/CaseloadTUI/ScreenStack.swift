import CaseloadCore
import TerminalUI

/// A screen over the caseload list. The app keeps them in a stack: the top one takes the keys and is drawn, Esc
/// pops back to the one under it, and a refresh updates each where it stands (scroll, zoom and selection kept).
public enum Screen {
  case deadlines(DeadlinesScreen)
  case overview(PupilOverview)
  case timeline(AggregateID, TimelineScreen)
  case importer(ImportScreen)
  case editor(any Editor)

  mutating func fit(width: Int, height: Int) {
    switch self {
    case .timeline(let id, var t):
      t.fit(width: width, height: height)
      self = .timeline(id, t)
    case .editor(var e):
      e.fit(width: width, height: height)
      self = .editor(e)
    case .deadlines, .overview, .importer: break
    }
  }

  /// The pupil the screen is about, if it is about one.
  var pupilID: AggregateID? {
    switch self {
    case .overview(let o): o.id
    case .timeline(let id, _): id
    case .editor(let e): e.pupilID
    case .deadlines, .importer: nil
    }
  }
}

/// The pupil's overview: the sheet `caseload show` prints, scrolled.
public struct PupilOverview: Sendable {
  public var id: AggregateID
  var lines: [String]
  var scroll = 0
}

/// The one box that can sit over any screen: it takes every key until it closes.
enum Overlay: Sendable {
  case help(HelpOverlay)
  /// Every action of the screen showing, by name.
  case palette(CommandPalette<String>)
  case exportMenu(ExportMenu)
  case doneMenu(DoneMenu)
  /// "Discard your changes?" when an editor with unsaved changes is closed.
  case discard(ConfirmDialog)
  /// Asked before undoing a step made in another session (another terminal, machine or SSH client).
  case undoQuestion(ConfirmDialog, step: Int64)

  mutating func fit(width: Int, height: Int) {
    switch self {
    case .help(var h):
      h.fit(width: width, height: height)
      self = .help(h)
    case .palette(var p):
      p.fit(width: width, height: height)
      self = .palette(p)
    case .exportMenu(var x):
      x.fit(width: width, height: height)
      self = .exportMenu(x)
    case .doneMenu(var d):
      d.fit(width: width, height: height)
      self = .doneMenu(d)
    case .discard, .undoQuestion: break
    }
  }

  func draw(into grid: inout Grid, unicode: Bool) {
    switch self {
    case .help(let h): h.draw(into: &grid, unicode: unicode)
    case .palette(let p): p.draw(into: &grid, unicode: unicode)
    case .exportMenu(let x): x.draw(into: &grid, unicode: unicode)
    case .doneMenu(let d): d.draw(into: &grid, unicode: unicode)
    case .discard(let d), .undoQuestion(let d, _): d.draw(into: &grid, unicode: unicode)
    }
  }
}

/// Reading the stack: what is showing, and each kind of screen where it stands.
extension CaseloadApp {
  /// The editor on top, if the top screen is one.
  public var editor: (any Editor)? {
    if case .editor(let e)? = stack.last { return e }
    return nil
  }

  /// The deadlines screen, wherever it is in the stack.
  public var deadlines: DeadlinesScreen? {
    for case .deadlines(let d) in stack.reversed() { return d }
    return nil
  }

  /// The timeline nearest the top, and whose it is.
  public var timeline: (id: AggregateID, screen: TimelineScreen)? {
    for case .timeline(let id, let t) in stack.reversed() { return (id, t) }
    return nil
  }

  /// The overview nearest the top.
  public var overview: PupilOverview? {
    for case .overview(let o) in stack.reversed() { return o }
    return nil
  }

  public var importScreen: ImportScreen? {
    for case .importer(let s) in stack.reversed() { return s }
    return nil
  }

  public var exportMenu: ExportMenu? {
    if case .exportMenu(let x)? = overlay { return x }
    return nil
  }

  public var doneMenu: DoneMenu? {
    if case .doneMenu(let d)? = overlay { return d }
    return nil
  }

  var undoQuestion: ConfirmDialog? {
    if case .undoQuestion(let d, _)? = overlay { return d }
    return nil
  }

  mutating func push(_ screen: Screen) {
    var s = screen
    s.fit(width: size.width, height: size.height)
    stack.append(s)
  }

  /// Puts back the top screen after a key changed it.
  mutating func replaceTop(_ screen: Screen) {
    guard !stack.isEmpty else { return push(screen) }
    stack[stack.count - 1] = screen
  }

  mutating func pop() { _ = stack.popLast() }

  /// Closes the editor on top (after a save, a discard or Esc).
  mutating func closeEditor() {
    if case .editor? = stack.last { pop() }
  }

  mutating func show(_ box: Overlay) {
    var b = box
    b.fit(width: size.width, height: size.height)
    overlay = b
  }
}
