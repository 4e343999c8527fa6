import Testing

@testable import TerminalUI

@Suite("Memory backend")
struct MemoryBackendTests {
  /// A tiny view: a title on the first row and a status on the last, drawn to whatever size the terminal is.
  func frame(for size: (width: Int, height: Int), status: String) -> Grid {
    var grid = Grid(width: size.width, height: size.height)
    grid.put("Title", row: 0, column: 0, style: .bold)
    grid.put(
      status, row: size.height - 1, column: 0, style: .reverse, maxWidth: size.width,
      overflow: .ellipsis)
    return grid
  }

  /// What an app loop does: ask the backend's size, draw, present.
  func draw(into backend: inout some TerminalBackend, status: String) {
    backend.present(frame(for: backend.size, status: status))
  }

  @Test("presenting a frame puts it on the screen")
  func present() {
    let backend = MemoryBackend(width: 20, height: 4)
    #expect(backend.lines == ["", "", "", ""])
    var terminal = backend
    draw(into: &terminal, status: "3 pupils")
    #expect(backend.lines == ["Title", "", "", "3 pupils"])
    #expect(backend.text == "Title\n\n\n3 pupils")
    #expect(backend.screen[row: 3, column: 0].style == .reverse)
    #expect(backend.frameCount == 1)
  }

  @Test("a resize changes the size the app draws at")
  func resize() {
    var terminal = MemoryBackend(width: 20, height: 4)
    draw(into: &terminal, status: "Everything is up to date")
    #expect(terminal.lines.last == "Everything is up to…")
    terminal.size = (width: 12, height: 3)
    #expect(terminal.size == (width: 12, height: 3))
    #expect(terminal.lines == ["", "", ""])  // blank until the app redraws
    draw(into: &terminal, status: "Everything is up to date")
    #expect(terminal.lines == ["Title", "", "Everything…"])
    #expect(terminal.frameCount == 2)
  }

  @Test("a frame of the wrong size is clipped or padded to the screen")
  func staleFrame() {
    let backend = MemoryBackend(width: 6, height: 2)
    var wide = Grid(width: 10, height: 3)
    wide.put("abcde王", row: 0, column: 0)
    wide.put("second", row: 1, column: 0, style: .bold)
    wide.put("third", row: 2, column: 0)
    backend.present(wide)
    #expect(backend.lines == ["abcde", "second"])
    #expect(backend.screen.width == 6)
    #expect(backend.screen[row: 1, column: 0].style == .bold)
    backend.present(Grid(width: 2, height: 1))
    #expect(backend.lines == ["", ""])
    #expect(backend.screen.width == 6)
  }
}
