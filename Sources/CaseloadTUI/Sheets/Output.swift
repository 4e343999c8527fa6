import CaseloadCore
import Foundation
import TerminalUI

/// Plain text for people and scripts: colour only on a terminal and never with `NO_COLOR`.
public struct Output {
  public var colour: Bool
  public private(set) var text = ""

  public init(colour: Bool = Output.colourWanted()) { self.colour = colour }

  public static func colourWanted() -> Bool {
    let env = ProcessInfo.processInfo.environment
    return isatty(1) == 1 && env["NO_COLOR"].map(\.isEmpty) ?? true && env["TERM"] != "dumb"
  }

  public mutating func line(_ s: String = "") { text += s + "\n" }
  public mutating func heading(_ s: String) { line(style(s, "1")) }

  public func style(_ s: String, _ sgr: String) -> String {
    colour ? "\u{1B}[\(sgr)m\(s)\u{1B}[0m" : s
  }
  public func warn(_ s: String) -> String { style(s, "31") }
  public func dim(_ s: String) -> String { style(s, "2") }

  public func flush() { FileHandle.standardOutput.write(Data(text.utf8)) }
}

/// Columns padded by display width, so accented, combining and wide characters line up.
public struct Table {
  public var rows: [[String]] = []
  public init() {}
  public mutating func add(_ cells: String...) { rows.append(cells) }
  public mutating func add(_ cells: [String]) { rows.append(cells) }

  public func render(indent: String = "  ") -> [String] {
    // Colour codes take no columns; most cells have none, so skip the scan for them.
    let measured = rows.map {
      $0.map { ($0, ($0.utf8.contains(0x1B) ? $0.sanitisedForTerminal : $0).displayWidth) }
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
