import Foundation

/// What reaches an app: keys, a new terminal size, a tick about once a second when nothing else happens
/// (apps use it to notice another session's changes), and the result of an external edit it asked for.
public enum AppEvent: Hashable, Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  case tick
  /// The text back from ``AppCommand/editExternally(text:tag:)`` with the same tag; nil when the editor could
  /// not run, failed or was quit without success.
  case editedExternally(text: String?, tag: String)
}

/// What an app asks of the loop after handling an event.
public enum AppCommand: Hashable, Sendable {
  case none, quit, suspend
  /// Open `text` in the user's editor (``ExternalEditor``) with the screen handed over, then deliver
  /// ``AppEvent/editedExternally(text:tag:)``; the tag says which edit it was (a field id, a note id).
  case editExternally(text: String, tag: String)
}

/// An Elm-style app: state changes only in `handle`, and `draw` is a pure view of the state into a grid.
public protocol TerminalApp {
  /// Below this size the loop shows "terminal too small" instead of the app.
  var minimumSize: (width: Int, height: Int) { get }
  mutating func handle(_ event: AppEvent) -> AppCommand
  func draw(into grid: inout Grid)
}

extension TerminalApp {
  /// A frame of the app at a size: the app's view, or the too-small notice.
  public func frame(width: Int, height: Int) -> Grid {
    var grid = Grid(width: width, height: height)
    let need = minimumSize
    if width < need.width || height < need.height {
      let lines = [
        "Terminal too small", "need \(need.width)×\(need.height), have \(width)×\(height)",
      ]
      for (i, line) in lines.enumerated() {
        let row = max(0, height / 2 - 1 + i)
        let text = line.truncated(toWidth: width)
        grid.put(
          text, row: row, column: max(0, (width - text.displayWidth) / 2),
          style: i == 0 ? .bold : .plain)
      }
    } else {
      draw(into: &grid)
    }
    return grid
  }
}

/// Runs apps: on the real terminal, or step by step into a memory backend for tests.
public enum AppRunner {
  /// Runs until the app quits or a stop signal (SIGTERM, SIGHUP, SIGINT) arrives; the screen is restored either way.
  public static func run<A: TerminalApp>(
    _ app: inout A, on screen: NcursesScreen, tickMilliseconds: Int32 = 1000,
    afterFirstFrame: () -> Void = {}
  ) {
    var decoder = KeyDecoder()
    var size = screen.size
    screen.present(app.frame(width: size.width, height: size.height))
    afterFirstFrame()
    loop: while TerminalGuard.stopRequested == 0 {
      let bytes = screen.readBytes(timeout: decoder.hasPending ? 30 : tickMilliseconds)
      // Nothing to read and nobody there: leave rather than spin on a closed terminal.
      if bytes.isEmpty, screen.terminalGone { break }
      var events: [AppEvent] = []
      if screen.size != size {
        size = screen.size
        events.append(.resize(width: size.width, height: size.height))
      }
      if bytes.isEmpty {
        let flushed = decoder.flushPending()
        events += flushed.map { .key($0) }
        if flushed.isEmpty && events.isEmpty { events.append(.tick) }
      } else {
        events += decoder.feed(bytes).map { .key($0) }
      }
      // Handling an event can give more (an external edit's result, a new size after it), handled in turn.
      var queue = events[...]
      while let event = queue.popFirst() {
        switch app.handle(event) {
        case .quit: break loop
        case .suspend:
          screen.suspend()
          size = screen.size
        case .editExternally(let text, let tag):
          let edited = screen.runOutside { ExternalEditor.edit(text) }
          queue.append(.editedExternally(text: edited, tag: tag))
          if screen.size != size {
            size = screen.size
            queue.append(.resize(width: size.width, height: size.height))
          }
        case .none: break
        }
      }
      if !events.isEmpty { screen.present(app.frame(width: size.width, height: size.height)) }
    }
    screen.close()
  }

  /// Feeds events to the app and shows the resulting frame in `backend`; returns the last command. Commands
  /// are only returned, not carried out: a test sees `.editExternally` and answers with `.editedExternally`.
  @discardableResult
  public static func step<A: TerminalApp>(
    _ app: inout A, _ events: [AppEvent], on backend: MemoryBackend
  )
    -> AppCommand
  {
    var last = AppCommand.none
    for event in events {
      if case .resize(let w, let h) = event { backend.size = (w, h) }
      last = app.handle(event)
      if last == .quit { break }
    }
    backend.present(app.frame(width: backend.size.width, height: backend.size.height))
    return last
  }
}
