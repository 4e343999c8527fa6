import Foundation

/// A person's name as typed: any script, stored in NFC.
public struct PersonName: Hashable, Codable, Sendable {
  public var given: String
  public var family: String
  /// Family name written first (for example Chinese, Hungarian, Vietnamese names).
  public var familyFirst: Bool

  public init(given: String, family: String, familyFirst: Bool = false) {
    self.given = Text.clean(given)
    self.family = Text.clean(family)
    self.familyFirst = familyFirst
  }

  /// As the person is addressed: "Oisín O'Brien", "Wang Xiuying".
  public var full: String {
    let parts = familyFirst ? [family, given] : [given, family]
    // Chinese, Japanese and Korean names are written without a space: 王秀英, 김민준.
    let separator = familyFirst && Self.isCJK(family) && Self.isCJK(given) ? "" : " "
    return parts.filter { !$0.isEmpty }.joined(separator: separator)
  }

  static func isCJK(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy { u in
        (0x3040...0x30FF).contains(u.value) || (0x3400...0x4DBF).contains(u.value)
          || (0x4E00...0x9FFF).contains(u.value) || (0xAC00...0xD7A3).contains(u.value)
          || (0x1100...0x11FF).contains(u.value) || (0xF900...0xFAFF).contains(u.value)
      }
  }

  /// For sorting lists: "O'Brien, Oisín".
  public var sortable: String { family.isEmpty ? given : "\(family), \(given)" }
}

/// Text helpers shared by names, notes and search.
public enum Text {
  /// Trims, normalises to NFC and drops control characters: what is stored is what can be shown.
  public static func clean(_ s: String) -> String {
    if isCleanASCII(s, multiline: false) { return s }
    let nfc = withoutEscapeSequences(s).precomposedStringWithCanonicalMapping
    let kept = nfc.unicodeScalars.filter { !isControl($0) }
    return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
  }

  /// As `clean`, keeping line breaks and tabs for notes and views.
  public static func cleanMultiline(_ s: String) -> String {
    if isCleanASCII(s, multiline: true) { return s }
    let nfc = withoutEscapeSequences(s).replacingOccurrences(of: "\r\n", with: "\n")
      .precomposedStringWithCanonicalMapping
    let kept = nfc.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || !isControl($0) }
    return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Printable ASCII (with line breaks and tabs in `multiline` text) and nothing to trim is clean already: most
  /// text a person types, so most saves and imports skip the Unicode work.
  static func isCleanASCII(_ s: String, multiline: Bool) -> Bool {
    var first = true
    var last: UInt8 = 0
    for b in s.utf8 {
      let blank = b == 0x20 || b == 0x0A || b == 0x09
      guard (0x20..<0x7F).contains(b) || (multiline && (b == 0x0A || b == 0x09)) else {
        return false
      }
      if first, blank { return false }
      first = false
      last = b
    }
    return !(last == 0x20 || last == 0x0A || last == 0x09)
  }

  /// Drops terminal escape sequences whole (colours, cursor moves, titles, links), not just their ESC, so that
  /// text pasted from a terminal does not keep `[31m` behind.
  static func withoutEscapeSequences(_ s: String) -> String {
    let u = Array(s.unicodeScalars)
    guard u.contains(where: { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{9D}" }) else {
      return s
    }
    var out = String.UnicodeScalarView()
    var i = 0
    func skipString() {  // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \ or U+009C)
      while i < u.count, u[i] != "\u{07}", u[i] != "\u{9C}", u[i] != "\u{1B}" { i += 1 }
      guard i < u.count else { return }
      if u[i] != "\u{1B}" {
        i += 1
      } else if i + 1 < u.count, u[i + 1] == "\\" {
        i += 2
      }  // any other ESC starts a sequence of its own
    }
    func skipCSI() {  // parameters and intermediates, then one final byte
      while i < u.count, (0x20...0x3F).contains(u[i].value) { i += 1 }
      if i < u.count, (0x40...0x7E).contains(u[i].value) { i += 1 }
    }
    while i < u.count {
      let c = u[i]
      i += 1
      switch c {
      case "\u{9B}": skipCSI()
      case "\u{9D}": skipString()
      case "\u{1B}":
        guard i < u.count else { break }
        switch u[i] {
        case "[":
          i += 1
          skipCSI()
        case "]", "P", "X", "^", "_":
          i += 1
          skipString()
        default:  // ESC, intermediates, then one final byte: `ESC c`, `ESC ( B`
          while i < u.count, (0x20...0x2F).contains(u[i].value) { i += 1 }
          if i < u.count, (0x30...0x7E).contains(u[i].value) { i += 1 }
        }
      default: out.append(c)
      }
    }
    return String(out)
  }

  static func isControl(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
      || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
  }

  /// A key for accent- and case-insensitive search: "Oisín" → "oisin", "Zoë" → "zoe".
  public static func searchKey(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
      switch u.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: continue
      default: break
      }
      switch u {
      case "ß": out.append(contentsOf: "ss".unicodeScalars)
      case "æ": out.append(contentsOf: "ae".unicodeScalars)
      case "ø": out.append("o")
      case "đ": out.append("d")
      case "ł": out.append("l")
      case "’", "‘", "`", "´": out.append("'")
      default: out.append(u)
      }
    }
    return String(out)
  }
}
