/// Makes text from a store or an import safe to draw: no control character or escape sequence from data ever
/// reaches the terminal.
///
/// Removed: C0 controls, DEL, C1 controls (U+0080–U+009F), whole escape sequences (CSI `ESC [ … final` and
/// U+009B; OSC `ESC ] … BEL/ST` and U+009D; DCS, SOS, PM and APC strings up to ST; `ESC` with intermediates and
/// two-character `ESC` sequences; an unterminated string runs to the end of the text), bidi embeddings, overrides
/// and isolates (U+202A–U+202E, U+2066–U+2069) and bidi marks (U+200E, U+200F, U+061C).
///
/// Replaced: a tab becomes a space. Line breaks (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029) become a space in
/// single-line text, or "\n" when newlines are kept.
///
/// Text with nothing to remove is returned as it is, after one pass over its bytes.
public enum Sanitise {
  /// The text made safe for a terminal. With `keepingNewlines`, every line break becomes "\n" (for text that is
  /// wrapped or split into lines afterwards); otherwise every line break becomes a space.
  public static func text(_ text: String, keepingNewlines: Bool = false) -> String {
    if isPrintableASCII(text) || !needsWork(text) { return text }
    return clean(Array(text.unicodeScalars), keepingNewlines: keepingNewlines)
  }

  /// Whether the text is already safe to draw on one line: nothing to remove and no tab or line break to replace.
  public static func isSafe(_ text: String) -> Bool {
    isPrintableASCII(text) || !needsWork(text)
  }

  @inline(__always)
  static func isPrintableASCII(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
      return true
    }
  }

  static func needsWork(_ text: String) -> Bool {
    for scalar in text.unicodeScalars where isRemovedOrReplaced(scalar.value) { return true }
    return false
  }

  @inline(__always)
  static func isRemovedOrReplaced(_ value: UInt32) -> Bool {
    if value < 0x20 { return true }
    if value < 0x7F { return false }
    if value < 0xA0 { return true }
    if value < 0x61C { return false }
    return value == 0x61C || value == 0x200E || value == 0x200F
      || (value >= 0x2028 && value <= 0x202E)
      || (value >= 0x2066 && value <= 0x2069)
  }

  static func clean(_ scalars: [Unicode.Scalar], keepingNewlines: Bool) -> String {
    var out = String.UnicodeScalarView()
    out.reserveCapacity(scalars.count)
    let lineBreak: Unicode.Scalar = keepingNewlines ? "\n" : " "
    let count = scalars.count
    var index = 0
    while index < count {
      let value = scalars[index].value
      switch value {
      case 0x1B:
        index = afterEscape(scalars, escapeAt: index)
      case 0x9B:
        index = afterControlSequence(scalars, from: index + 1)
      case 0x9D:
        index = afterControlString(scalars, from: index + 1, bellEnds: true)
      case 0x90, 0x98, 0x9E, 0x9F:
        index = afterControlString(scalars, from: index + 1, bellEnds: false)
      case 0x09:
        out.append(" ")
        index += 1
      case 0x0D:
        out.append(lineBreak)
        index += 1
        if index < count && scalars[index].value == 0x0A { index += 1 }
      case 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
        out.append(lineBreak)
        index += 1
      default:
        if !isRemovedOrReplaced(value) { out.append(scalars[index]) }
        index += 1
      }
    }
    return String(out)
  }

  /// The index after the escape sequence that starts with the ESC at `escapeAt`.
  static func afterEscape(_ scalars: [Unicode.Scalar], escapeAt start: Int) -> Int {
    let next = start + 1
    guard next < scalars.count else { return next }
    switch scalars[next].value {
    case 0x5B:  // [ CSI
      return afterControlSequence(scalars, from: next + 1)
    case 0x5D:  // ] OSC
      return afterControlString(scalars, from: next + 1, bellEnds: true)
    case 0x50, 0x58, 0x5E, 0x5F:  // P DCS, X SOS, ^ PM, _ APC
      return afterControlString(scalars, from: next + 1, bellEnds: false)
    case 0x20...0x2F:  // intermediates, then a final byte: ESC ( B, ESC # 8, …
      var index = next
      while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
      if index < scalars.count, (0x30...0x7E).contains(scalars[index].value) { index += 1 }
      return index
    case 0x30...0x7E:  // two-character sequences: ESC 7, ESC c, ESC M, ESC \, …
      return next + 1
    default:  // a lone ESC: drop it and look at what follows on its own
      return next
    }
  }

  /// The index after a control sequence's parameters, intermediates and final byte, from just after `ESC [`.
  static func afterControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var index = start
    while index < scalars.count, (0x30...0x3F).contains(scalars[index].value) { index += 1 }
    while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
    if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { index += 1 }
    return index
  }

  /// The index after a control string (OSC, DCS, SOS, PM, APC) ended by ST (`ESC \` or U+009C), or by BEL for
  /// OSC. Another ESC ends the string without being consumed; an unterminated string runs to the end.
  static func afterControlString(_ scalars: [Unicode.Scalar], from start: Int, bellEnds: Bool)
    -> Int
  {
    var index = start
    while index < scalars.count {
      let value = scalars[index].value
      if value == 0x9C || (value == 0x07 && bellEnds) { return index + 1 }
      if value == 0x1B {
        if index + 1 < scalars.count && scalars[index + 1].value == 0x5C { return index + 2 }
        return index
      }
      index += 1
    }
    return index
  }
}

extension String {
  /// This text made safe to draw on one line of a terminal: control characters and escape sequences removed,
  /// tabs and line breaks turned into spaces. See ``Sanitise``.
  public var sanitisedForTerminal: String { Sanitise.text(self) }
}
