import Foundation

/// Text as it arrives from another program: bytes in one of the encodings Windows and Excel write, and fields
/// that may carry terminal escape sequences or control characters.
public enum ImportText {
  /// The encodings an MIS export is read in.
  public enum Encoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with a byte-order mark"
    case utf16 = "UTF-16"
    case windows1252 = "Windows-1252"
  }

  /// Decodes a file's bytes: UTF-16 when it starts with a UTF-16 byte-order mark, UTF-8 (with or without its
  /// byte-order mark, which is dropped) when the bytes are valid UTF-8, and Windows-1252 otherwise (how Excel and
  /// older MIS versions save "CSV" on Windows; every byte means something in it, so decoding cannot fail).
  public static func decode(_ data: Data) -> (text: String, encoding: Encoding) {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      var units: [UInt16] = []
      units.reserveCapacity(bytes.count / 2)
      var i = 2
      while i + 1 < bytes.count {
        units.append(
          little
            ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
            : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
        i += 2
      }
      return (String(decoding: units, as: UTF16.self), .utf16)
    }
    let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
    if isValidUTF8(body) {
      return (String(decoding: body, as: UTF8.self), hasBOM ? .utf8BOM : .utf8)
    }
    return (windows1252(body), .windows1252)
  }

  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    // ASCII needs no decoding, and most of an export is ASCII.
    if bytes.allSatisfy({ $0 < 0x80 }) { return true }
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  /// Windows-1252: Latin-1, except that 0x80–0x9F hold curly quotes, dashes, € and a few letters. The five bytes
  /// it leaves undefined are read as their Latin-1 control characters, which cleaning then drops.
  static func windows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(bytes.count)
    for b in bytes {
      if (0x80...0x9F).contains(b), let mapped = cp1252High[Int(b - 0x80)] {
        scalars.append(mapped)
      } else {
        scalars.append(Unicode.Scalar(b))
      }
    }
    return String(scalars)
  }

  private static let cp1252High: [Unicode.Scalar?] = [
    "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
    "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
    nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
    "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
  ]

  /// One field made safe to store and show: terminal escape sequences removed whole (`ESC [ 31 m`, OSC titles
  /// and links up to their terminator), line breaks and tabs turned into spaces, every other C0 and C1 control
  /// character and the invisible bidirectional overrides dropped, runs of spaces collapsed, the ends trimmed, and
  /// the result in NFC.
  public static func clean(_ field: String) -> String {
    // Most fields are plain: skip the work for them.
    if field.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) { return field }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in withoutEscapeSequences(field).unicodeScalars {
      if u == "\n" || u == "\r" || u == "\t" || u == " " || u == "\u{A0}" {
        pendingSpace = true
        continue
      }
      if isControl(u) { continue }
      if pendingSpace, !out.isEmpty { out.append(" ") }
      pendingSpace = false
      out.append(u)
    }
    return String(out).precomposedStringWithCanonicalMapping
  }

  /// C0 and C1 controls, DEL, and the line/paragraph separators and bidirectional controls that would let a
  /// field rearrange or hide what is shown around it.
  static func isControl(_ u: Unicode.Scalar) -> Bool {
    u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
      || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
      || u.value == 0xFEFF
  }

  /// Removes terminal escape sequences whole: CSI (`ESC [` or U+009B, parameters, one final byte), the string
  /// sequences OSC, DCS, SOS, PM and APC (up to BEL or ST), and two- or three-byte escapes (`ESC c`, `ESC ( B`).
  static func withoutEscapeSequences(_ s: String) -> String {
    let u = Array(s.unicodeScalars)
    guard
      u.contains(where: { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{9D}" || $0 == "\u{90}" })
    else { return s }
    var out = String.UnicodeScalarView()
    var i = 0
    func skipString() {
      while i < u.count, u[i] != "\u{07}", u[i] != "\u{9C}", u[i] != "\u{1B}" { i += 1 }
      guard i < u.count else { return }
      if u[i] != "\u{1B}" {
        i += 1
      } else if i + 1 < u.count, u[i + 1] == "\\" {
        i += 2
      }
    }
    func skipCSI() {
      while i < u.count, (0x20...0x3F).contains(u[i].value) { i += 1 }
      if i < u.count, (0x40...0x7E).contains(u[i].value) { i += 1 }
    }
    while i < u.count {
      let c = u[i]
      i += 1
      switch c {
      case "\u{9B}": skipCSI()
      case "\u{9D}", "\u{90}", "\u{98}", "\u{9E}", "\u{9F}": skipString()
      case "\u{1B}":
        guard i < u.count else { break }
        switch u[i] {
        case "[":
          i += 1
          skipCSI()
        case "]", "P", "X", "^", "_":
          i += 1
          skipString()
        default:
          while i < u.count, (0x20...0x2F).contains(u[i].value) { i += 1 }
          if i < u.count, (0x30...0x7E).contains(u[i].value) { i += 1 }
        }
      default: out.append(c)
      }
    }
    return String(out)
  }

  /// A header reduced to what identifies it: letters and digits, lower case, accents and everything else gone,
  /// so "Date of Birth", "date_of_birth" and "DATE OF BIRTH:" all read `dateofbirth`.
  public static func headerKey(_ header: String) -> String {
    String(
      String.UnicodeScalarView(
        clean(header).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter {
          $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }))
  }

  /// How many line breaks a field holds (CR LF counts once): a quoted field's breaks move the file's line count.
  static func lineBreaks(in field: String) -> Int {
    var count = 0
    var lastWasCR = false
    for u in field.unicodeScalars {
      if u == "\r" {
        count += 1
        lastWasCR = true
      } else {
        if u == "\n", !lastWasCR { count += 1 }
        lastWasCR = false
      }
    }
    return count
  }
}
