/// Turns the raw bytes a terminal sends into ``Key``s.
///
/// The terminal is read in raw mode with keypad translation off, so the app sees exactly what the terminal
/// sends: UTF-8 text, C0 controls, `ESC`-prefixed Alt keys, CSI (`ESC [`) and SS3 (`ESC O`) sequences for
/// arrows, editing and function keys (xterm, VT220, rxvt and Linux console forms, with xterm's modifier
/// parameter), and bracketed paste (`ESC [200~ … ESC [201~`).
///
/// Feed bytes as they are read; keys come out as soon as they are complete, and an incomplete sequence stays
/// buffered. When no byte arrives within the escape delay and ``hasPending`` is true, call
/// ``flushPending()``: a lone `ESC` then becomes Esc, `ESC [` becomes Alt-[, and a cut-off escape sequence
/// or UTF-8 character is dropped. A paste in progress is never cut short by a flush — its text is only
/// delivered with its end marker, so a pasted newline can never act as Enter.
///
/// Unknown or malformed sequences are consumed and ignored, never turned into text; invalid UTF-8 bytes are
/// dropped.
public struct KeyDecoder: Sendable {
  /// Asks the terminal to bracket pastes (`ESC [?2004h`). Write it after entering the full-screen mode.
  public static let enableBracketedPaste = "\u{1B}[?2004h"
  /// Turns bracketed paste off again (`ESC [?2004l`). Write it before restoring the terminal.
  public static let disableBracketedPaste = "\u{1B}[?2004l"

  /// Bytes not yet decoded: an incomplete sequence or character, waiting for more or for a flush.
  private var pending: [UInt8] = []
  /// The bytes of a paste in progress (after `ESC [200~`), or nil outside a paste.
  private var pasteBytes: [UInt8]?
  /// Where to look for the paste's end marker next, so a long paste is scanned once.
  private var pasteScanFrom = 0
  /// True while discarding the rest of an overlong control sequence.
  private var skippingSequence = false

  /// The longest control sequence kept whole; longer ones are discarded to their final byte.
  static let maxSequenceLength = 64

  public init() {}

  /// True when bytes are buffered that a flush would resolve (an `ESC`, a partial sequence or character).
  /// The caller waits the escape delay for more input and then calls ``flushPending()``.
  public var hasPending: Bool { !pending.isEmpty && pasteBytes == nil }

  /// True while a bracketed paste has started and its end marker has not arrived.
  public var isInPaste: Bool { pasteBytes != nil }

  /// Decodes `bytes` after whatever was buffered, returning the keys completed.
  public mutating func feed(_ bytes: [UInt8]) -> [Key] {
    var keys: [Key] = []
    if pasteBytes != nil {
      guard let leftover = continuePaste(with: bytes, into: &keys) else { return keys }
      pending = leftover
    } else {
      pending.append(contentsOf: bytes)
    }
    decodePending(final: false, into: &keys)
    return keys
  }

  /// Resolves what is buffered as if no more bytes will follow soon (the escape delay passed): a lone `ESC`
  /// is Esc, `ESC x` is Alt-x, a cut-off sequence or UTF-8 character is dropped. A paste in progress is kept.
  public mutating func flushPending() -> [Key] {
    guard pasteBytes == nil else { return [] }
    var keys: [Key] = []
    decodePending(final: true, into: &keys)
    // An overlong sequence cut off by the pause: what comes after it is new input.
    skippingSequence = false
    return keys
  }

  // MARK: The decoding loop

  private enum Step {
    /// `keys` were decoded from the next `consumed` bytes (no keys: ignored bytes).
    case keys([Key], consumed: Int)
    /// The next bytes are the start of something longer: wait for more, or resolve on a flush.
    case needMore
    /// A paste starts after the next `consumed` bytes.
    case pasteStart(consumed: Int)
  }

  private mutating func decodePending(final: Bool, into keys: inout [Key]) {
    var i = 0
    while i < pending.count {
      if skippingSequence {
        let b = pending[i]
        if (0x20...0x3F).contains(b) {
          i += 1
          continue
        }
        skippingSequence = false
        if (0x40...0x7E).contains(b) {
          i += 1
          continue
        }
      }
      switch step(at: i) {
      case .keys(let decoded, let consumed):
        keys.append(contentsOf: decoded)
        i += consumed
      case .needMore:
        if !final {
          pending.removeFirst(i)
          return
        }
        let (resolved, consumed) = resolveIncomplete(at: i)
        keys.append(contentsOf: resolved)
        i += consumed
      case .pasteStart(let consumed):
        let rest = Array(pending[(i + consumed)...])
        pending = []
        i = 0
        pasteBytes = []
        pasteScanFrom = 0
        guard let leftover = continuePaste(with: rest, into: &keys) else { return }
        pending = leftover
      }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Decodes whatever starts at `i`.
  private mutating func step(at i: Int) -> Step {
    let b = pending[i]
    switch b {
    case 0x1B:
      return escape(at: i)
    case 0x00..<0x20, 0x7F:
      return .keys([Self.controlKey(b)], consumed: 1)
    default:
      return text(at: i)
    }
  }

  /// The key a single C0 control byte (or DEL) stands for.
  static func controlKey(_ b: UInt8) -> Key {
    switch b {
    case 0x00: return .ctrl(" ")
    case 0x08, 0x7F: return .backspace
    case 0x09: return .tab
    case 0x0A, 0x0D: return .enter
    case 0x1B: return .escape
    case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(b + 0x60)))
    default: return .ctrl(Character(Unicode.Scalar(b + 0x40)))  // 0x1C–0x1F: Ctrl-\ ] ^ _
    }
  }

  /// A run of printable text, emitted as one key per grapheme. Stops at a control byte, an `ESC`, an invalid
  /// byte or an incomplete character at the end of the buffer.
  private func text(at start: Int) -> Step {
    var scalars = String.UnicodeScalarView()
    var i = start
    scan: while i < pending.count {
      let b = pending[i]
      if b < 0x20 || b == 0x7F { break }
      switch Self.decodeScalar(pending, at: i) {
      case .scalar(let scalar, let length):
        if Self.isControl(scalar) {
          if i == start { return .keys([], consumed: length) }  // a C1 control: dropped
          break scan
        }
        scalars.append(scalar)
        i += length
      case .invalid:
        if i == start { return .keys([], consumed: 1) }  // dropped
        break scan
      case .incomplete:
        if i == start { return .needMore }
        break scan
      }
    }
    let keys = String(scalars).map { Key.char($0) }
    return .keys(keys, consumed: i - start)
  }

  /// What follows an `ESC` at `i`: a CSI or SS3 sequence, Alt with a key, or (undecided yet) Esc itself.
  private mutating func escape(at i: Int) -> Step {
    guard i + 1 < pending.count else { return .needMore }
    let next = pending[i + 1]
    switch next {
    case UInt8(ascii: "["):
      return csi(at: i)
    case UInt8(ascii: "O"):
      return ss3(at: i)
    case 0x1B:
      // ESC ESC [ … and ESC ESC O … are Alt with a sequence (how some terminals send Alt-arrows).
      guard i + 2 < pending.count else { return .needMore }
      let third = pending[i + 2]
      guard third == UInt8(ascii: "[") || third == UInt8(ascii: "O") else {
        return .keys([.escape], consumed: 1)
      }
      let inner = third == UInt8(ascii: "[") ? csi(at: i + 1) : ss3(at: i + 1)
      switch inner {
      case .needMore: return .needMore
      case .pasteStart: return .keys([.escape], consumed: 1)
      case .keys(let keys, let consumed):
        return .keys(keys.map { $0.adding(.alt) }, consumed: consumed + 1)
      }
    case 0x00..<0x20, 0x7F:
      return .keys([Self.controlKey(next).adding(.alt)], consumed: 2)
    default:
      switch Self.decodeScalar(pending, at: i + 1) {
      case .scalar(let scalar, let length):
        if Self.isControl(scalar) { return .keys([.escape], consumed: 1) }
        return .keys([Key.alt(Character(scalar))], consumed: 1 + length)
      case .invalid:
        return .keys([.escape], consumed: 1)
      case .incomplete:
        return .needMore
      }
    }
  }

  /// Resolves the incomplete bytes from `i` to the end of the buffer on a flush.
  private func resolveIncomplete(at i: Int) -> ([Key], Int) {
    let rest = pending.count - i
    guard pending[i] == 0x1B else { return ([], rest) }  // a cut-off UTF-8 character: dropped
    if rest == 1 { return ([.escape], 1) }
    switch pending[i + 1] {
    case 0x1B:
      return ([.escape], 1)  // the second ESC is resolved next
    case UInt8(ascii: "["), UInt8(ascii: "O"):
      if rest == 2 { return ([Key.alt(Character(Unicode.Scalar(pending[i + 1])))], 2) }
      return ([], rest)  // a cut-off sequence: dropped
    default:
      return ([], rest)  // ESC and a cut-off UTF-8 character: dropped
    }
  }

  // MARK: CSI and SS3

  /// `ESC [` … : parameters (0x30–0x3F), intermediates (0x20–0x2F), a final byte (0x40–0x7E).
  private mutating func csi(at i: Int) -> Step {
    let start = i + 2
    guard start < pending.count else { return .needMore }
    let first = pending[start]
    if first == UInt8(ascii: "[") {
      // Linux console F1–F5: ESC [ [ A … E.
      guard start + 1 < pending.count else { return .needMore }
      let final = pending[start + 1]
      guard (0x40...0x7E).contains(final) else { return .keys([], consumed: 3) }
      if (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(final) {
        return .keys([.function(Int(final - UInt8(ascii: "A")) + 1)], consumed: 4)
      }
      return .keys([], consumed: 4)
    }
    if first == UInt8(ascii: "M") {
      // An X10 mouse report: ESC [ M and three bytes. Ignored.
      guard start + 3 < pending.count else { return .needMore }
      return .keys([], consumed: 6)
    }
    var j = start
    while j < pending.count, (0x30...0x3F).contains(pending[j]) { j += 1 }
    let paramsEnd = j
    // rxvt ends modified editing keys with `$` (Shift), which is otherwise an intermediate byte.
    if j < pending.count, pending[j] == UInt8(ascii: "$"), paramsEnd > start {
      return .keys(Self.csiKey(pending[start..<paramsEnd], final: pending[j]), consumed: j + 1 - i)
    }
    while j < pending.count, (0x20...0x2F).contains(pending[j]) { j += 1 }
    if j - i > Self.maxSequenceLength {
      skippingSequence = true
      return .keys([], consumed: j - i)
    }
    guard j < pending.count else { return .needMore }
    let final = pending[j]
    guard (0x40...0x7E).contains(final) else {
      // Not a sequence after all. Right after `ESC [` that was Alt-[; otherwise drop what was read. The
      // byte (a control, an ESC, UTF-8) is decoded on its own.
      if j == start { return .keys([Key.alt("[")], consumed: 2) }
      return .keys([], consumed: j - i)
    }
    guard j == paramsEnd else { return .keys([], consumed: j + 1 - i) }  // intermediates: unknown
    let params = pending[start..<paramsEnd]
    if final == UInt8(ascii: "~"), Self.parameters(params).first == 200 {
      return .pasteStart(consumed: j + 1 - i)
    }
    return .keys(Self.csiKey(params, final: final), consumed: j + 1 - i)
  }

  /// `ESC O` and a final byte, perhaps with a modifier digit before it (`ESC O 5 A`).
  private func ss3(at i: Int) -> Step {
    var j = i + 2
    while j < pending.count, (0x30...0x39).contains(pending[j]), j - i < 8 { j += 1 }
    guard j < pending.count else { return .needMore }
    let final = pending[j]
    guard (0x40...0x7E).contains(final) else {
      if j == i + 2 {
        // ESC O and a control byte: Alt-O, then the byte is decoded on its own.
        return .keys([Key.alt("O")], consumed: 2)
      }
      return .keys([], consumed: j - i)
    }
    let modifier = Int(String(decoding: pending[(i + 2)..<j], as: UTF8.self)) ?? 1
    let modifiers = Self.modifiers(modifier)
    let key: Key?
    switch final {
    case UInt8(ascii: "A"): key = .up
    case UInt8(ascii: "B"): key = .down
    case UInt8(ascii: "C"): key = .right
    case UInt8(ascii: "D"): key = .left
    case UInt8(ascii: "H"): key = .home
    case UInt8(ascii: "F"): key = .end
    case UInt8(ascii: "P")...UInt8(ascii: "S"): key = .function(Int(final - UInt8(ascii: "P")) + 1)
    case UInt8(ascii: "M"): key = .enter  // keypad Enter in application mode
    case UInt8(ascii: "a"): return .keys([.ctrl(.up)], consumed: j + 1 - i)  // rxvt Ctrl-arrows
    case UInt8(ascii: "b"): return .keys([.ctrl(.down)], consumed: j + 1 - i)
    case UInt8(ascii: "c"): return .keys([.ctrl(.right)], consumed: j + 1 - i)
    case UInt8(ascii: "d"): return .keys([.ctrl(.left)], consumed: j + 1 - i)
    case UInt8(ascii: "j")...UInt8(ascii: "y"):
      // The keypad in application mode: * + , - . / 0 … 9
      key = .char(Character(Unicode.Scalar(final - UInt8(ascii: "j") + UInt8(ascii: "*"))))
    case UInt8(ascii: "X"): key = .char("=")
    default: key = nil
    }
    return .keys(key.map { [$0.adding(modifiers)] } ?? [], consumed: j + 1 - i)
  }

  /// The key for a complete CSI sequence with plain parameters, or none if it is not a key.
  private static func csiKey(_ params: ArraySlice<UInt8>, final: UInt8) -> [Key] {
    // A private marker (< = > ?) starts mouse reports and replies to queries: not keys.
    if let first = params.first, (0x3C...0x3F).contains(first) { return [] }
    let numbers = parameters(params)
    let letter = Character(Unicode.Scalar(final))
    switch letter {
    case "A", "B", "C", "D", "H", "F", "P", "Q", "R", "S", "Z":
      // xterm: ESC [ 1 ; m A. A lone parameter above 1 is taken as the modifier too (ESC [ 5 A).
      let modifier: Int
      if numbers.count >= 2 {
        modifier = numbers[1] ?? 1
      } else if let only = numbers.first ?? nil, only > 1 {
        modifier = only
      } else {
        modifier = 1
      }
      let base: Key
      switch letter {
      case "A": base = .up
      case "B": base = .down
      case "C": base = .right
      case "D": base = .left
      case "H": base = .home
      case "F": base = .end
      case "Z": base = .shiftTab
      default: base = .function(Int(final - UInt8(ascii: "P")) + 1)
      }
      return [base.adding(modifiers(modifier))]
    case "a", "b", "c", "d":
      // rxvt Shift-arrows.
      let base: [Character: Key] = ["a": .up, "b": .down, "c": .right, "d": .left]
      return base[letter].map { [$0.adding(.shift)] } ?? []
    case "~", "$", "^", "@":
      guard let code = numbers.first ?? nil, let base = tildeKeys[code] else { return [] }
      let extra: Key.Modifiers
      switch letter {
      case "$": extra = .shift
      case "^": extra = .ctrl
      case "@": extra = [.ctrl, .shift]
      default: extra = modifiers(numbers.count >= 2 ? numbers[1] ?? 1 : 1)
      }
      return [base.adding(extra)]
    default:
      return []
    }
  }

  /// `ESC [ n ~` keys (VT220, xterm, rxvt).
  private static let tildeKeys: [Int: Key] = [
    1: .home, 7: .home, 4: .end, 8: .end, 2: .insert, 3: .delete, 5: .pageUp, 6: .pageDown,
    11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
    17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
    23: .function(11), 24: .function(12), 25: .function(13), 26: .function(14),
    28: .function(15), 29: .function(16), 31: .function(17), 32: .function(18),
    33: .function(19), 34: .function(20),
  ]

  /// `1;5` → [1, 5]; an empty parameter is nil; a sub-parameter (`1:2`) keeps only its first part.
  private static func parameters(_ params: ArraySlice<UInt8>) -> [Int?] {
    params.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { part in
      let main = part.prefix { $0 != UInt8(ascii: ":") }
      guard !main.isEmpty, main.count <= 6, main.allSatisfy({ (0x30...0x39).contains($0) }) else {
        return nil
      }
      return main.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
  }

  /// xterm's modifier parameter: 1 + (1 Shift, 2 Alt, 4 Ctrl, 8 Meta — taken as Alt).
  private static func modifiers(_ parameter: Int) -> Key.Modifiers {
    guard parameter > 1 else { return [] }
    let bits = parameter - 1
    var modifiers: Key.Modifiers = []
    if bits & 1 != 0 { modifiers.insert(.shift) }
    if bits & 2 != 0 || bits & 8 != 0 { modifiers.insert(.alt) }
    if bits & 4 != 0 { modifiers.insert(.ctrl) }
    return modifiers
  }

  // MARK: Bracketed paste

  private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

  /// Adds `bytes` to the paste in progress. When its end marker arrives, emits the paste and returns the
  /// bytes after the marker; otherwise returns nil. Each byte is scanned once, however the paste is split.
  private mutating func continuePaste(with bytes: [UInt8], into keys: inout [Key]) -> [UInt8]? {
    pasteBytes!.append(contentsOf: bytes)
    let buffer = pasteBytes!
    let marker = Self.pasteEnd
    var p = pasteScanFrom
    while let escape = buffer[p...].firstIndex(of: 0x1B) {
      if escape + marker.count > buffer.count {
        // Perhaps the start of the end marker: look again when more arrives.
        if buffer[escape...].elementsEqual(marker.prefix(buffer.count - escape)) {
          pasteScanFrom = escape
          return nil
        }
      } else if buffer[escape..<(escape + marker.count)].elementsEqual(marker) {
        keys.append(.paste(Self.pasteText(buffer[..<escape])))
        pasteBytes = nil
        pasteScanFrom = 0
        return Array(buffer[(escape + marker.count)...])
      }
      p = escape + 1
    }
    pasteScanFrom = buffer.count
    return nil
  }

  /// A paste's text: UTF-8 with invalid bytes dropped, line ends as `\n` (terminals send `\r`), tabs kept,
  /// and escape sequences and other control characters removed whole (see ``Sanitise``).
  static func pasteText(_ bytes: ArraySlice<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    var afterCR = false
    while i < bytes.endIndex {
      switch decodeScalar(bytes, at: i) {
      case .scalar(let scalar, let length):
        i += length
        let wasAfterCR = afterCR
        afterCR = scalar == "\r"
        switch scalar {
        case "\r": scalars.append("\n")
        case "\n": if !wasAfterCR { scalars.append("\n") }
        default: scalars.append(scalar)
        }
      case .invalid, .incomplete:
        i += 1
        afterCR = false
      }
    }
    // Escape sequences inside a paste go whole, as from any text from outside: no "]0;X" fragments stay.
    // Tabs are kept for the text areas.
    return String(scalars).split(separator: "\t", omittingEmptySubsequences: false)
      .map { Sanitise.text(String($0), keepingNewlines: true) }.joined(separator: "\t")
  }

  // MARK: UTF-8

  enum Decoded {
    case scalar(Unicode.Scalar, length: Int)
    case invalid
    case incomplete
  }

  /// Decodes one UTF-8 scalar at `i`, strictly: no overlong forms, no surrogates, nothing above U+10FFFF.
  static func decodeScalar<C: RandomAccessCollection>(_ bytes: C, at i: C.Index) -> Decoded
  where C.Element == UInt8, C.Index == Int {
    let b0 = bytes[i]
    if b0 < 0x80 { return .scalar(Unicode.Scalar(b0), length: 1) }
    let length: Int
    var second: ClosedRange<UInt8> = 0x80...0xBF
    switch b0 {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      second = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      second = 0x80...0x9F
    case 0xF0:
      length = 4
      second = 0x90...0xBF
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      second = 0x80...0x8F
    default: return .invalid
    }
    var value = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length {
      guard i + k < bytes.endIndex else { return .incomplete }
      let b = bytes[i + k]
      guard (k == 1 ? second : 0x80...0xBF).contains(b) else { return .invalid }
      value = value << 6 | UInt32(b & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return .invalid }
    return .scalar(scalar, length: length)
  }

  /// C0, DEL and C1 controls.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
