import CaseloadCore
import Foundation
import TerminalUI

/// Plain text for people and scripts: colour only on a terminal and never with `NO_COLOR`.
struct Output {
  var colour: Bool
  private(set) var text = ""

  init(colour: Bool = Output.colourWanted()) { self.colour = colour }

  static func colourWanted() -> Bool {
    let env = ProcessInfo.processInfo.environment
    return isatty(1) == 1 && env["NO_COLOR"].map(\.isEmpty) ?? true && env["TERM"] != "dumb"
  }

  mutating func line(_ s: String = "") { text += s + "\n" }
  mutating func heading(_ s: String) { line(style(s, "1")) }

  func style(_ s: String, _ sgr: String) -> String { colour ? "\u{1B}[\(sgr)m\(s)\u{1B}[0m" : s }
  func warn(_ s: String) -> String { style(s, "31") }
  func dim(_ s: String) -> String { style(s, "2") }

  func flush() { FileHandle.standardOutput.write(Data(text.utf8)) }
}

/// Columns padded by display width, so accented, combining and wide characters line up.
struct Table {
  var rows: [[String]] = []
  mutating func add(_ cells: String...) { rows.append(cells) }
  mutating func add(_ cells: [String]) { rows.append(cells) }

  func render(indent: String = "  ") -> [String] {
    let measured = rows.map { $0.map { ($0, $0.sanitisedForTerminal.displayWidth) } }
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
  var daysPhrase: String {
    switch self {
    case 0: return "today"
    case 1: return "tomorrow"
    case 2...: return "in \(self) days"
    case -1: return "1 day overdue"
    default: return "\(-self) days overdue"
    }
  }
}

/// JSON for scripts: sorted keys, dates as YYYY-MM-DD.
enum JSON {
  static func print<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
  }
}

/// Phase timings on stderr when `CASELOAD_TRACE` is set: for finding where a slow command spends its time.
struct PhaseClock {
  private let enabled = ProcessInfo.processInfo.environment["CASELOAD_TRACE"] != nil
  private var last = DispatchTime.now().uptimeNanoseconds

  mutating func mark(_ phase: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    FileHandle.standardError.write(
      Data(String(format: "%@ %.2f ms\n", phase, Double(now - last) / 1e6).utf8))
    last = now
  }
}
