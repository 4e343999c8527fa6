import Foundation

/// JSON safe to print on a terminal: `JSONEncoder` escapes C0 controls but leaves C1 controls, DEL, bidi
/// embeddings, overrides, isolates and marks, and the line and paragraph separators raw, and a terminal acts on
/// some of them. They can only stand inside strings, so writing them as `\uXXXX` keeps the JSON the same.
public enum JSONText {
  public static func neutralised(_ data: Data) -> Data {
    guard needsWork(data) else { return data }
    let bytes = [UInt8](data)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    var copied = 0
    var i = 0
    while i < bytes.count {
      // Everything to escape starts with one of these bytes; the rest is copied in runs.
      let c = bytes[i]
      guard c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2 else {
        i += 1
        continue
      }
      let (length, scalar) = special(bytes, i)
      guard length > 0 else {
        i += 1
        continue
      }
      out += bytes[copied..<i]
      out += Array(String(format: "\\u%04x", scalar).utf8)
      i += length
      copied = i
    }
    out += bytes[copied...]
    return Data(out)
  }

  static func needsWork(_ data: Data) -> Bool {
    data.withUnsafeBytes { raw in
      for c in raw where c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2 { return true }
      return false
    }
  }

  /// The length and value of a character to escape at `i`, or length 0.
  static func special(_ b: [UInt8], _ i: Int) -> (Int, UInt32) {
    let c = b[i]
    if c == 0x7F { return (1, 0x7F) }
    if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) { return (2, UInt32(b[i + 1])) }
    if c == 0xD8, i + 1 < b.count, b[i + 1] == 0x9C { return (2, 0x061C) }
    if c == 0xE2, i + 2 < b.count {
      let value = 0x2000 | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
      guard b[i + 1] == 0x80 || b[i + 1] == 0x81 else { return (0, 0) }
      if value == 0x200E || value == 0x200F || (0x2028...0x202E).contains(value)
        || (0x2066...0x2069).contains(value)
      {
        return (3, value)
      }
    }
    return (0, 0)
  }
}
