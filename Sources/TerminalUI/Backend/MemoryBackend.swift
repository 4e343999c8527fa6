/// Where a finished frame goes: a real terminal or memory.
public protocol TerminalBackend {
  /// The terminal's size in columns and rows; views draw into a grid of this size.
  var size: (width: Int, height: Int) { get }
  /// Shows a frame.
  mutating func present(_ grid: Grid)
}

/// A terminal in memory, for tests: the app draws into it and tests read what is on its screen.
///
/// Like a real terminal, the screen has the backend's size: a presented grid of another size is clipped or padded
/// with blanks. Changing the size (a simulated resize) blanks the screen until the next frame.
public final class MemoryBackend: TerminalBackend {
  /// The screen's size; set it to simulate the terminal being resized.
  public var size: (width: Int, height: Int) {
    didSet { screen = Grid(width: size.width, height: size.height) }
  }

  /// What is on the screen.
  public private(set) var screen: Grid

  /// How many frames have been presented.
  public private(set) var frameCount = 0

  public init(width: Int = 80, height: Int = 24) {
    size = (width, height)
    screen = Grid(width: width, height: height)
  }

  public func present(_ grid: Grid) {
    frameCount += 1
    if grid.width == screen.width && grid.height == screen.height {
      screen = grid
      return
    }
    var clipped = Grid(width: size.width, height: size.height)
    for row in 0..<min(grid.height, clipped.height) {
      for run in grid.styledRuns(row: row) where run.column < clipped.width {
        clipped.put(run.text, row: row, column: run.column, style: run.style)
      }
    }
    screen = clipped
  }

  /// The screen's rows as text, trailing spaces trimmed.
  public var lines: [String] { screen.lines() }

  /// The screen as text: its rows joined by newlines, trailing spaces trimmed.
  public var text: String { screen.description }
}
