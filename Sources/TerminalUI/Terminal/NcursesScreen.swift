import CNcurses
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The real terminal, through ncurses: raw bytes in (decoded by `KeyDecoder`), cells out, and ncurses sending
/// only what changed. Every ncurses call happens on the thread that created it.
public final class NcursesScreen {
  public private(set) var width: Int32 = 0
  public private(set) var height: Int32 = 0
  /// Colour is used only where the terminal has it and `NO_COLOR` is not set; bold and reverse always work.
  public let colour: Bool
  private var active = false
  private var lastFrame: Grid?
  private var pairs: [Int: Int16] = [:]

  /// Takes over the terminal. Escape sequences are given `escapeDelay` milliseconds to complete (short, for SSH).
  public init(escapeDelay: Int32 = 25) {
    setlocale(LC_ALL, "")
    _ = initscr()
    raw()
    noecho()
    nonl()
    keypad(cl_stdscr(), false)
    intrflush(cl_stdscr(), false)
    set_escdelay(escapeDelay)
    _ = curs_set(0)
    let wantsColour = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    colour = wantsColour && has_colors()
    if colour {
      start_color()
      use_default_colors()
    }
    active = true
    TerminalGuard.install()
    FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))  // bracketed paste
    refreshSize()
  }

  deinit { close() }

  /// Whether the locale speaks UTF-8: box and block characters then, ASCII otherwise.
  public var isUTF8: Bool { String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8" }

  /// Gives the terminal back: normal screen, cursor shown, bracketed paste off.
  public func close() {
    guard active else { return }
    active = false
    _ = endwin()
    FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
    TerminalGuard.uninstall()
  }

  /// Whether the terminal has gone away (the SSH link or the terminal window closed without a signal).
  public var terminalGone: Bool {
    var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    guard poll(&fd, 1, 0) >= 0 else { return true }
    return fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 || isatty(0) != 1
  }

  /// Reads whatever bytes arrive within `timeout` milliseconds (at least one unless it times out).
  public func readBytes(timeout: Int32) -> [UInt8] {
    var bytes: [UInt8] = []
    wtimeout(cl_stdscr(), timeout)
    var c = wgetch(cl_stdscr())
    while c != ERR {
      if c == cl_key_resize() {
        refreshSize()
      } else if c >= 0 && c < 256 {
        bytes.append(UInt8(c))
      }
      wtimeout(cl_stdscr(), 0)
      c = wgetch(cl_stdscr())
    }
    return bytes
  }

  /// Re-reads the terminal's size; true when it changed.
  @discardableResult
  public func refreshSize() -> Bool {
    lastFrame = nil
    var y: Int32 = 0
    var x: Int32 = 0
    cl_getmaxyx(cl_stdscr(), &y, &x)
    defer { (height, width) = (y, x) }
    return y != height || x != width
  }

  /// Gives the terminal back while `body` runs (an external editor, a pager), then takes it again: the normal
  /// screen and modes while it runs, and afterwards curses mode, the size re-read and the next frame drawn in
  /// full. Unlike ``suspend()`` the program keeps running.
  public func runOutside<T>(_ body: () throws -> T) rethrows -> T {
    _ = endwin()
    FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
    defer {
      FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
      _ = wrefresh(cl_stdscr())
      refreshSize()
    }
    return try body()
  }

  /// Stops the program as Ctrl-Z would in a shell, and picks up again after `fg`.
  public func suspend() {
    _ = endwin()
    FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
    kill(getpid(), SIGTSTP)
    FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
    _ = wrefresh(cl_stdscr())
    refreshSize()
  }
}

extension NcursesScreen: TerminalBackend {
  public var size: (width: Int, height: Int) { (Int(width), Int(height)) }

  /// Copies the cells that changed since the last frame into ncurses, which then sends the terminal only the
  /// bytes that differ from what it shows.
  public func present(_ grid: Grid) {
    let previous =
      lastFrame.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
      ?? Grid(width: grid.width, height: grid.height)
    if lastFrame == nil || previous.width != lastFrame?.width { _ = wclear(cl_stdscr()) }
    for change in grid.changes(from: previous) {
      for column in change.columns {
        let cell = grid[row: change.row, column: column]
        if cell.isContinuation { continue }
        put(cell, row: Int32(change.row), column: Int32(column))
      }
    }
    lastFrame = grid
    _ = wnoutrefresh(cl_stdscr())
    _ = doupdate()
  }

  private func put(_ cell: Cell, row: Int32, column: Int32) {
    guard row < height, column < width else { return }
    // ncurses keeps at most CCHARW_MAX (5) code points a cell: a base and a few combining marks.
    var text = Array(cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) })
    if text.isEmpty { text = [wchar_t(32)] }
    text.append(0)
    _ = cl_put_cell(row, column, text, attributes(cell.style), pair(cell.style))
  }

  private func attributes(_ style: Style) -> attr_t {
    var a = cl_a_normal()
    if style.isBold { a |= cl_a_bold() }
    if style.isReverse { a |= cl_a_reverse() }
    if style.isUnderline { a |= cl_a_underline() }
    if style.isDim { a |= cl_a_dim() }
    return a
  }

  /// The colour pair for a style's colours, made on first use; 0 (the terminal's own) without colour.
  private func pair(_ style: Style) -> Int16 {
    guard colour, style.foreground != nil || style.background != nil else { return 0 }
    let key = (Int(style.foreground?.rawValue ?? 255) << 8) | Int(style.background?.rawValue ?? 255)
    if let known = pairs[key] { return known }
    let number = Int16(pairs.count + 1)
    init_pair(
      number, Int16(style.foreground.map { Int($0.rawValue) } ?? -1),
      Int16(style.background.map { Int($0.rawValue) } ?? -1))
    pairs[key] = number
    return number
  }
}
