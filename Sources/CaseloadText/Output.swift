import CaseloadCore
import Foundation
import TerminalUI

/// Plain text for people and scripts: colour only on a terminal and never with `NO_COLOR`.
///
/// Every line the command line prints goes through here (sheets with `line`, one-line messages with `say`), and
/// is cleaned on the way out: control characters, escape sequences and bidi overrides from the store, a backup
/// or an import never reach the terminal. The only escape sequences printed are the colours `style` asks for,
/// carried as private marks until the text is printed, so data cannot forge one.
public struct Output {
  public var colour: Bool
  private var body = ""

  public init(colour: Bool = Output.colourWanted()) { self.colour = colour }

  public static func colourWanted() -> Bool {
    let env = ProcessInfo.processInfo.environment
    return isatty(1) == 1 && env["NO_COLOR"].map(\.isEmpty) ?? true && env["TERM"] != "dumb"
  }

  /// The text as it will be printed.
  public var text: String { Self.printable(body) }

  public mutating func line(_ s: String = "") { body += Self.clean(s) + "\n" }
  public mutating func heading(_ s: String) { line(style(s, "1")) }

  public func style(_ s: String, _ sgr: String) -> String {
    colour ? "\(Self.open)\(sgr)\(Self.close)\(s)\(Self.open)0\(Self.close)" : s
  }
  public func warn(_ s: String) -> String { style(s, "31") }
  public func dim(_ s: String) -> String { style(s, "2") }

  public func flush() { FileHandle.standardOutput.write(Data(text.utf8)) }

  /// One message on standard output or standard error, cleaned like every other line.
  public static func say(_ message: String, error: Bool = false) {
    let data = Data((cleaned(message) + "\n").utf8)
    (error ? FileHandle.standardError : FileHandle.standardOutput).write(data)
  }

  /// Text cleaned for printing as `line` and `say` clean it (for a prompt that ends without a line break).
  public static func cleaned(_ text: String) -> String { printable(clean(text)) }

  /// Where `style` marks a colour: open, the SGR parameters, close. Private-use characters, so no terminal
  /// reads them; `clean` keeps only well-formed marks.
  static let open: Unicode.Scalar = "\u{F8F0}"
  static let close: Unicode.Scalar = "\u{F8F1}"

  /// `s` safe to print: see ``Sanitise`` (line breaks kept), and any mark that is not a colour mark removed.
  static func clean(_ s: String) -> String {
    let safe = Sanitise.text(s, keepingNewlines: true)
    guard safe.unicodeScalars.contains(where: { $0 == open || $0 == close }) else { return safe }
    let scalars = Array(safe.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == close {
        i += 1
        continue
      }
      if c == open {
        var j = i + 1
        while j < scalars.count, scalars[j].properties.numericType != nil || scalars[j] == ";",
          scalars[j].isASCII
        {
          j += 1
        }
        if j < scalars.count, scalars[j] == close {
          out.append(contentsOf: scalars[i...j])
          i = j + 1
        } else {
          i += 1
        }
        continue
      }
      out.append(c)
      i += 1
    }
    return String(out)
  }

  /// The colour marks as SGR escape sequences.
  static func printable(_ s: String) -> String {
    guard s.unicodeScalars.contains(open) else { return s }
    var out = String.UnicodeScalarView()
    for c in s.unicodeScalars {
      switch c {
      case open: out.append(contentsOf: "\u{1B}[".unicodeScalars)
      case close: out.append("m")
      default: out.append(c)
      }
    }
    return String(out)
  }

  /// `s` without its colour marks: what it takes on the screen.
  static func unmarked(_ s: String) -> String {
    guard s.unicodeScalars.contains(open) else { return s }
    var out = String.UnicodeScalarView()
    var inside = false
    for c in s.unicodeScalars {
      if c == open {
        inside = true
      } else if c == close {
        inside = false
      } else if !inside {
        out.append(c)
      }
    }
    return String(out)
  }
}

/// Columns padded by display width, so accented, combining and wide characters line up.
public struct Table {
  public var rows: [[String]] = []
  /// Columns (by position) whose text wraps onto further lines at this width instead of widening the table: a
  /// long list of who was at a meeting stays in its column.
  public var wrapping: [Int: Int] = [:]
  public init() {}
  public mutating func add(_ cells: String...) { rows.append(cells) }
  public mutating func add(_ cells: [String]) { rows.append(cells) }

  public func render(indent: String = "  ") -> [String] {
    // A row with a wrapped cell becomes several, the other cells empty on the lines after its first.
    var lines: [[String]] = []
    for row in rows {
      let parts = row.enumerated().map { i, cell -> [String] in
        guard let width = wrapping[i], Output.unmarked(cell).displayWidth > width else {
          return [cell]
        }
        return WordWrap.lines(cell, width: width)
      }
      for n in 0..<(parts.map(\.count).max() ?? 1) {
        lines.append(parts.map { n < $0.count ? $0[n] : "" })
      }
    }
    // Colour marks take no columns; most cells have none, so skip the scan for them.
    let measured = lines.map {
      $0.map { ($0, Output.unmarked($0).sanitisedForTerminal.displayWidth) }
    }
    var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
    for row in measured {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.1) }
    }
    return measured.map { row in
      var out = indent
      for (i, (text, width)) in row.enumerated() {
        out += text
        if i < row.count - 1 { out += String(repeating: " ", count: widths[i] - width + 2) }
      }
      // A continuation line ends with empty cells: no spaces after its text.
      while out.last == " " { out.removeLast() }
      return out
    }
  }
}

extension Int {
  /// "in 3 days", "today", "5 days overdue"
  public var daysPhrase: String {
    switch self {
    case 0: return "today"
    case 1: return "tomorrow"
    case 2...: return "in \(self) days"
    case -1: return "1 day overdue"
    default: return "\(-self) days overdue"
    }
  }
}
