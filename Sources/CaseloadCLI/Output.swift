import CaseloadCore
import Foundation

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
    let measured = rows.map { $0.map { ($0, DisplayWidth.of($0)) } }
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

/// Columns a string takes in a terminal: combining marks take none, East Asian wide characters and emoji two.
enum DisplayWidth {
  static func of(_ s: String) -> Int {
    if s.utf8.contains(0x1B) { return of(withoutEscapes(s)) }
    // Most names are Latin, Greek or Cyrillic letters without combining marks: one column a scalar.
    var n = 0
    for u in s.unicodeScalars {
      let v = u.value
      guard v < 0x0300 || (0x0370..<0x0483).contains(v) || (0x048A..<0x0530).contains(v) else {
        return s.reduce(0) { $0 + of($1) }
      }
      n += 1
    }
    return n
  }

  /// The text without the colour codes this program adds (`ESC [ … m`), which take no columns.
  static func withoutEscapes(_ s: String) -> String {
    var out = ""
    var inEscape = false
    for u in s.unicodeScalars {
      if inEscape {
        if u.value >= 0x40 && u.value <= 0x7E && u != "[" { inEscape = false }
      } else if u == "\u{1B}" {
        inEscape = true
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  static func of(_ c: Character) -> Int {
    guard let first = c.unicodeScalars.first else { return 0 }
    // Latin, Greek, Cyrillic, Hebrew, Arabic letters, precomposed or not: one column, no table lookups.
    if first.value < 0x0300 || (0x0370..<0x1100).contains(first.value) { return 1 }
    if first.properties.isEmojiPresentation
      || c.unicodeScalars.contains(where: { $0.value == 0xFE0F })
    {
      return 2
    }
    return isWide(first.value) ? 2 : (first.properties.generalCategory == .nonspacingMark ? 0 : 1)
  }

  static func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
      || (0x20000...0x3FFFD).contains(v)
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
