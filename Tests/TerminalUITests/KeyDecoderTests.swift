import Testing

@testable import TerminalUI

private let esc = "\u{1B}"

/// Feeds each chunk in turn (as raw bytes) and returns every key decoded, without flushing.
private func decode(_ chunks: [[UInt8]], into decoder: inout KeyDecoder) -> [Key] {
  chunks.flatMap { decoder.feed($0) }
}

private func decode(_ chunks: [UInt8]...) -> [Key] {
  var decoder = KeyDecoder()
  return decode(chunks, into: &decoder)
}

private func decode(_ text: String) -> [Key] {
  var decoder = KeyDecoder()
  return decoder.feed(Array(text.utf8))
}

/// Feeds the bytes one at a time. For one key (`oneKey`), checks nothing comes out before the last byte.
private func decodeByteByByte(_ text: String, oneKey: Bool = true) -> [Key] {
  var decoder = KeyDecoder()
  let bytes = Array(text.utf8)
  var keys: [Key] = []
  for (index, byte) in bytes.enumerated() {
    let out = decoder.feed([byte])
    if oneKey, index < bytes.count - 1 {
      #expect(out.isEmpty, "a key came out after \(index + 1) of \(bytes.count) bytes: \(out)")
    }
    keys += out
  }
  return keys
}

private func chars(_ text: String) -> [Key] { text.map { Key.char($0) } }

@Suite("Decoding the bytes a terminal sends")
struct KeyDecoderTests {
  // MARK: Text

  @Test("ASCII text is one key per character")
  func ascii() {
    #expect(decode("hello world") == chars("hello world"))
    #expect(decode("/?:~") == [.char("/"), .char("?"), .char(":"), .char("~")])
  }

  @Test("multi-byte UTF-8 text")
  func utf8() {
    #expect(decode("Oisín") == chars("Oisín"))
    #expect(decode("王小明") == [.char("王"), .char("小"), .char("明")])
    #expect(decode("Zoë 👍") == chars("Zoë 👍"))
  }

  @Test("a character split across feeds comes out once, when complete")
  func utf8Split() {
    var decoder = KeyDecoder()
    let oisin = Array("Oisín".utf8)  // í is C3 AD
    #expect(decoder.feed(Array(oisin[0..<4])) == chars("Ois"))
    #expect(decoder.hasPending)
    #expect(decoder.feed(Array(oisin[4...])) == chars("ín"))
    #expect(!decoder.hasPending)

    let wang = Array("王".utf8)  // E7 8E 8B
    #expect(wang.count == 3)
    #expect(decoder.feed([wang[0]]) == [])
    #expect(decoder.feed([wang[1]]) == [])
    #expect(decoder.feed([wang[2]]) == [.char("王")])

    #expect(
      decodeByteByByte("Oisín 王", oneKey: false).map(\.name) == [
        "O", "i", "s", "í", "n", "space", "王",
      ])
  }

  @Test("combining marks: arriving together they make one character; apart, each is a key")
  func combining() {
    // "e" + COMBINING ACUTE ACCENT, and "o" + COMBINING DIAERESIS.
    #expect(decode("Rene\u{301}") == [.char("R"), .char("e"), .char("n"), .char("e\u{301}")])
    #expect(decode("Zo\u{308}e").count == 3)
    // A flag is two regional indicators, one grapheme.
    #expect(decode("🇬🇧") == [.char("🇬🇧")])

    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("e".utf8)) == [.char("e")])
    #expect(decoder.feed(Array("\u{301}".utf8)) == [.char("\u{301}")])
    // Put back together, the text is what was typed.
    var text = ""
    for key in decode("e") + decode("\u{301}") { text.append(key.text!) }
    #expect(text == "é")
  }

  @Test(
    "invalid UTF-8 bytes are dropped, the text around them kept",
    arguments: [
      [0x61, 0xFF, 0x62],  // never valid
      [0x61, 0x80, 0x62],  // a lone continuation byte
      [0x61, 0xC0, 0xAF, 0x62],  // an overlong "/"
      [0x61, 0xE0, 0x80, 0xAF, 0x62],  // an overlong three-byte form
      [0x61, 0xED, 0xA0, 0x80, 0x62],  // a UTF-16 surrogate
      [0x61, 0xF4, 0x90, 0x80, 0x80, 0x62],  // above U+10FFFF
      [0x61, 0xE7, 0x8E, 0x62],  // a three-byte character cut short by ASCII
      [0x61, 0xC2, 0x9B, 0x62],  // C1 CSI, encoded: a control, not text
    ] as [[UInt8]])
  func invalidUTF8(bytes: [UInt8]) {
    #expect(decode(bytes) == [.char("a"), .char("b")])
  }

  @Test("an incomplete character is dropped on a flush, and decoding carries on")
  func incompleteDropped() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x61, 0xE7, 0x8E]) == [.char("a")])
    #expect(decoder.hasPending)
    #expect(decoder.flushPending() == [])
    #expect(!decoder.hasPending)
    #expect(decoder.feed(Array("b王".utf8)) == [.char("b"), .char("王")])
  }

  // MARK: Controls

  @Test(
    "C0 controls",
    arguments: [
      (0x01, "ctrl-a"), (0x02, "ctrl-b"), (0x12, "ctrl-r"), (0x15, "ctrl-u"), (0x1A, "ctrl-z"),
      (0x07, "ctrl-g"), (0x0C, "ctrl-l"),
      (0x09, "tab"), (0x0D, "enter"), (0x0A, "enter"), (0x7F, "backspace"), (0x08, "backspace"),
      (0x00, "ctrl-space"), (0x1C, "ctrl-\\"), (0x1D, "ctrl-]"), (0x1F, "ctrl-_"),
    ] as [(UInt8, String)])
  func controls(byte: UInt8, name: String) {
    #expect(decode([byte]).map(\.name) == [name])
  }

  @Test("Ctrl letters are the canonical lower-case keys")
  func ctrlLetters() {
    for (offset, letter) in "abcdefghijklmnopqrstuvwxyz".enumerated() {
      let byte = UInt8(offset + 1)
      guard ![0x08, 0x09, 0x0A, 0x0D].contains(byte) else { continue }
      #expect(decode([byte]) == [.ctrl(letter)])
      #expect(decode([byte]) == [.ctrl(Character(letter.uppercased()))])
    }
  }

  // MARK: Escape sequences

  @Test(
    "CSI and SS3 keys",
    arguments: [
      // Cursor keys, normal and application mode.
      ("[A", "up"), ("[B", "down"), ("[C", "right"), ("[D", "left"), ("[H", "home"), ("[F", "end"),
      ("OA", "up"), ("OB", "down"), ("OC", "right"), ("OD", "left"), ("OH", "home"), ("OF", "end"),
      // VT220 editing keys.
      ("[1~", "home"), ("[7~", "home"), ("[4~", "end"), ("[8~", "end"), ("[2~", "insert"),
      ("[3~", "delete"), ("[5~", "pgup"), ("[6~", "pgdn"),
      // Function keys.
      ("OP", "f1"), ("OQ", "f2"), ("OR", "f3"), ("OS", "f4"),
      ("[11~", "f1"), ("[12~", "f2"), ("[13~", "f3"), ("[14~", "f4"), ("[15~", "f5"),
      ("[17~", "f6"), ("[18~", "f7"), ("[19~", "f8"), ("[20~", "f9"), ("[21~", "f10"),
      ("[23~", "f11"), ("[24~", "f12"),
      ("[[A", "f1"), ("[[E", "f5"),  // Linux console
      // Back tab.
      ("[Z", "shift-tab"),
      // xterm modifiers: 2 Shift, 3 Alt, 4 Alt+Shift, 5 Ctrl, 6 Ctrl+Shift, 7 Ctrl+Alt, 9 Meta.
      ("[1;5A", "ctrl-up"), ("[1;2B", "shift-down"), ("[1;3C", "alt-right"),
      ("[1;4D", "alt-shift-left"), ("[1;6A", "ctrl-shift-up"), ("[1;7B", "ctrl-alt-down"),
      ("[1;9C", "alt-right"), ("[1;5H", "ctrl-home"), ("[1;2F", "shift-end"),
      ("[3;5~", "ctrl-delete"), ("[5;3~", "alt-pgup"), ("[15;2~", "shift-f5"),
      ("[24;5~", "ctrl-f12"),
      ("[1;2P", "shift-f1"), ("[1;5S", "ctrl-f4"), ("O5A", "ctrl-up"), ("[5A", "ctrl-up"),
      // rxvt.
      ("[a", "shift-up"), ("Ob", "ctrl-down"), ("[5$", "shift-pgup"), ("[3^", "ctrl-delete"),
      ("[7@", "ctrl-shift-home"),
      // Alt with a sequence, as ESC ESC.
      ("\u{1B}[A", "alt-up"), ("\u{1B}OD", "alt-left"), ("\u{1B}[5~", "alt-pgup"),
    ])
  func sequences(sequence: String, name: String) {
    let keys = decode(esc + sequence)
    #expect(keys.map(\.name) == [name])
    #expect(decodeByteByByte(esc + sequence) == keys)
  }

  @Test("an escape sequence arriving one byte at a time is one key, with nothing before it")
  func sequenceByteByByte() {
    #expect(decodeByteByByte("\(esc)[1;5A") == [.ctrl(.up)])
    #expect(decodeByteByByte("\(esc)[24~") == [.function(12)])
    #expect(decodeByteByByte("\(esc)OP") == [.function(1)])
  }

  @Test("sequences among text")
  func sequencesAmongText() {
    #expect(decode("a\(esc)[Ab\(esc)[6~c") == [.char("a"), .up, .char("b"), .pageDown, .char("c")])
    #expect(decode("\(esc)[A\(esc)[A\(esc)[B") == [.up, .up, .down])
  }

  @Test(
    "unknown sequences are swallowed, never typed",
    arguments: [
      "[99~", "[?1;2c", "[<0;10;5M", "[<0;10;5m", "[I", "[O", "[1;5E", "[E", "[200;1x", "[ q",
      "[201~", "Oz", "[[z", "[M !!", "[12;3;4;5;6;7;8;9u",
    ])
  func unknown(sequence: String) {
    #expect(decode("a\(esc)\(sequence)b") == [.char("a"), .char("b")])
  }

  @Test("an overlong sequence is discarded to its final byte")
  func overlong() {
    let digits = String(repeating: "1;", count: 200)
    #expect(decode("a\(esc)[\(digits)Ab") == [.char("a"), .char("b")])
    var decoder = KeyDecoder()
    var keys: [Key] = []
    for byte in Array("a\(esc)[\(digits)Ab".utf8) { keys += decoder.feed([byte]) }
    #expect(keys == [.char("a"), .char("b")])
    // Cut off by a pause, the rest of it is gone and what is typed next counts.
    #expect(decoder.feed(Array("\(esc)[\(digits)".utf8)) == [])
    #expect(decoder.flushPending() == [])
    #expect(decoder.feed(Array("12".utf8)) == [.char("1"), .char("2")])
  }

  @Test("a control byte inside a sequence ends it: the control counts, the parameters don't")
  func interrupted() {
    #expect(decode("\(esc)[1;\r") == [.enter])
    #expect(decode("\(esc)[12\(esc)[A") == [.up])
  }

  // MARK: Esc and Alt

  @Test("a lone ESC is Esc only after the flush")
  func loneEscape() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]) == [])
    #expect(decoder.hasPending)
    #expect(decoder.flushPending() == [.escape])
    #expect(!decoder.hasPending)
    #expect(decoder.flushPending() == [])
  }

  @Test("ESC b together is Alt-b; ESC, a flush, then b is Esc and b")
  func altVersusEscape() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("\(esc)b".utf8)) == [.alt("b")])

    #expect(decoder.feed([0x1B]) == [])
    #expect(decoder.flushPending() == [.escape])
    #expect(decoder.feed(Array("b".utf8)) == [.char("b")])

    // Split across feeds without a flush, it is still Alt-b.
    #expect(decoder.feed([0x1B]) == [])
    #expect(decoder.feed(Array("b".utf8)) == [.alt("b")])
  }

  @Test("Alt with any key")
  func alt() {
    #expect(decode("\(esc)B") == [.alt("B")])
    #expect(decode("\(esc)é") == [.alt("é")])
    #expect(decode("\(esc)王") == [.alt("王")])
    #expect(decode("\(esc) ") == [.alt(.space)])
    #expect(decode("\(esc)\r") == [.alt(.enter)])
    #expect(decode("\(esc)\u{7F}") == [.alt(.backspace)])
    #expect(decode("\(esc)\u{12}") == [.alt(.ctrl("r"))])
    #expect(decode("\(esc)\u{12}").map(\.name) == ["ctrl-alt-r"])

    var decoder = KeyDecoder()
    let wang = Array("王".utf8)
    #expect(decoder.feed([0x1B, wang[0]]) == [])
    #expect(decoder.feed([wang[1]]) == [])
    #expect(decoder.feed([wang[2], 0x61]) == [.alt("王"), .char("a")])
  }

  @Test("what a flush makes of a cut-off escape")
  func flushes() {
    func flushed(_ text: String) -> [Key] {
      var decoder = KeyDecoder()
      let keys = decoder.feed(Array(text.utf8))
      #expect(keys == [])
      let out = decoder.flushPending()
      #expect(!decoder.hasPending)
      return out
    }
    #expect(flushed("\(esc)[") == [.alt("[")])
    #expect(flushed("\(esc)O") == [.alt("O")])
    #expect(flushed("\(esc)\(esc)") == [.escape, .escape])
    #expect(flushed("\(esc)\(esc)[") == [.escape, .alt("[")])
    #expect(flushed("\(esc)[1;") == [])
    #expect(flushed("\(esc)[200") == [])
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B, 0xE7, 0x8E]) == [])
    #expect(decoder.flushPending() == [])
    #expect(decoder.feed([0x61]) == [.char("a")])
  }

  @Test("ESC ESC and a key that is not a sequence is Esc, then Alt with the key")
  func doubleEscape() {
    #expect(decode("\(esc)\(esc)x") == [.escape, .alt("x")])
  }

  @Test("Alt-[ and Alt-O followed by text that cannot continue a sequence")
  func altBracket() {
    #expect(decode([0x1B, 0x5B, 0xC3, 0xA9]) == [.alt("["), .char("é")])
    #expect(decode("\(esc)O\r") == [.alt("O"), .enter])
  }

  // MARK: Bracketed paste

  @Test("the bracketed paste control strings")
  func pasteModes() {
    #expect(
      Array(KeyDecoder.enableBracketedPaste.utf8) == [
        0x1B, 0x5B, 0x3F, 0x32, 0x30, 0x30, 0x34, 0x68,
      ])
    #expect(KeyDecoder.disableBracketedPaste == "\u{1B}[?2004l")
  }

  @Test("a paste is one key with its text, between the keys around it")
  func paste() {
    #expect(
      decode("a\(esc)[200~Hello, Oisín 王\(esc)[201~b") == [
        .char("a"), .paste("Hello, Oisín 王"), .char("b"),
      ])
    #expect(decode("\(esc)[200~\(esc)[201~") == [.paste("")])
    // What looks like keys inside a paste is text.
    #expect(decode("\(esc)[200~q\r:\(esc)[A\u{3}\(esc)[201~") == [.paste("q\n:")])
  }

  @Test("control characters other than newline and tab are removed; line ends become \\n")
  func pasteSanitised() {
    let pasted = "one\r\ntwo\rthree\nfour\tfive\u{7}\u{8}\u{0}\u{7F}\u{85}\u{9B}31m six"
    #expect(
      decode("\(esc)[200~\(pasted)\(esc)[201~") == [.paste("one\ntwo\nthree\nfour\tfive\n six")])
    // Invalid UTF-8 inside a paste is dropped too.
    #expect(
      decode(Array("\(esc)[200~a".utf8) + [0xFF, 0xC0, 0xE7, 0x8E] + Array("b\(esc)[201~".utf8))
        == [.paste("ab")])
  }

  @Test("a paste split across feeds, in the middle of its end marker")
  func pasteSplit() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("x\(esc)[20".utf8)) == [.char("x")])
    #expect(decoder.feed(Array("0~first ".utf8)) == [])
    #expect(decoder.isInPaste)
    #expect(decoder.feed(Array("line\(esc)[2".utf8)) == [])
    #expect(decoder.feed(Array("01".utf8)) == [])
    #expect(decoder.feed(Array("~y".utf8)) == [.paste("first line"), .char("y")])
    #expect(!decoder.isInPaste)
  }

  @Test("a paste fed one byte at a time")
  func pasteByteByByte() {
    #expect(decodeByteByByte("\(esc)[200~Oisín\r王\(esc)[201~") == [.paste("Oisín\n王")])
  }

  @Test("a UTF-8 character split across feeds inside a paste")
  func pasteUTF8Split() {
    var decoder = KeyDecoder()
    let bytes = Array("\(esc)[200~王\(esc)[201~".utf8)
    #expect(decoder.feed(Array(bytes[0..<7])) == [])
    #expect(decoder.feed(Array(bytes[7...])) == [.paste("王")])
  }

  @Test("a paste of a title, a screen clear and a colour leaves no fragment of them in the text")
  func pastedSequencesGoWhole() {
    let pasted =
      "\(esc)]0;X\u{7}\(esc)[2J\(esc)[31mHello\(esc)]8;;http://x\(esc)\\link\(esc)]8;;\(esc)\\"
    #expect(decode("\(esc)[200~\(pasted)\(esc)[201~") == [.paste("Hellolink")])
  }

  @Test("an escape sequence inside a paste that is not its end is dropped whole, the paste goes on")
  func pasteWithEscape() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("\(esc)[200~a\(esc)".utf8)) == [])
    #expect(decoder.feed(Array("[20".utf8)) == [])
    #expect(decoder.feed(Array("0~b\(esc)[201~".utf8)) == [.paste("ab")])
  }

  @Test("a flush does not end a paste: a pause in a paste cannot turn its newlines into Enter")
  func pasteSurvivesFlush() {
    var decoder = KeyDecoder()
    #expect(decoder.feed(Array("\(esc)[200~rm\r".utf8)) == [])
    #expect(!decoder.hasPending)
    #expect(decoder.flushPending() == [])
    #expect(decoder.isInPaste)
    #expect(decoder.feed(Array("ok\(esc)[201~".utf8)) == [.paste("rm\nok")])
    #expect(decoder.feed([0x1B]) == [])
    #expect(decoder.flushPending() == [.escape])
  }

  @Test("two pastes in one feed, and a paste started after Esc")
  func twoPastes() {
    #expect(
      decode("\(esc)[200~a\(esc)[201~\(esc)[200~b\(esc)[201~") == [.paste("a"), .paste("b")])
    #expect(decode("\(esc)\(esc)[200~a\(esc)[201~") == [.escape, .paste("a")])
  }

  @Test("a megabyte paste in 16-byte reads is one key, decoded in linear time")
  func largePaste() {
    let line = Array("Oisín O'Brien, 王小明, Zoë\tnotes\r".utf8)
    var body: [UInt8] = []
    while body.count < 1 << 20 { body += line }
    let bytes = Array("\(esc)[200~".utf8) + body + Array("\(esc)[201~z".utf8)
    var decoder = KeyDecoder()
    var keys: [Key] = []
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      var start = 0
      while start < bytes.count {
        let end = min(start + 16, bytes.count)
        keys += decoder.feed(Array(bytes[start..<end]))
        start = end
      }
    }
    #expect(keys.count == 2)
    let text = keys.first?.pastedText ?? ""
    let expectedLine = "Oisín O'Brien, 王小明, Zoë\tnotes\n"
    #expect(text.utf8.count == body.count)
    #expect(text.hasPrefix(expectedLine + expectedLine))
    #expect(text == String(repeating: expectedLine, count: body.count / line.count))
    #expect(keys.last == .char("z"))
    // Quadratic rescanning would take minutes here; linear is well under a second even in a debug build.
    #expect(elapsed < .seconds(10))
  }
}

@Suite("Key names")
struct KeyNameTests {
  /// One key of every kind.
  static let everyKind: [Key] =
    [
      .char("a"), .char("A"), .char("/"), .char("?"), .char(":"), .char("-"), .char("é"),
      .char("王"),
      .space, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete,
      .backspace, .enter, .tab, .shiftTab, .escape, .paste(""),
      .ctrl(" "), .alt("b"), .alt("B"), .alt("-"), .alt("王"), .alt(.enter), .alt(.escape),
      .ctrl(.up), .shift(.up), .alt(.up), .ctrl(.shift(.left)), .ctrl(.alt(.shift(.right))),
      .ctrl(.delete), .shift(.function(5)), .alt(.shiftTab), .alt(.ctrl("x")),
    ]
    + (1...12).map { Key.function($0) }
    + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }

  @Test("every key's name parses back to the key", arguments: everyKind)
  func roundTrip(key: Key) {
    #expect(Key(name: key.name) == key)
    #expect(key.description == key.name)
  }

  @Test("names are unique")
  func unique() {
    #expect(Set(Self.everyKind.map(\.name)).count == Self.everyKind.count)
  }

  @Test(
    "names and display names",
    arguments: [
      (Key.char("a"), "a", "a"), (.char("A"), "A", "A"), (.char("/"), "/", "/"),
      (.char("?"), "?", "?"),
      (.char(":"), ":", ":"), (.space, "space", "Space"), (.enter, "enter", "Enter"),
      (.escape, "esc", "Esc"), (.tab, "tab", "Tab"), (.shiftTab, "shift-tab", "Shift-Tab"),
      (.backspace, "backspace", "Backspace"), (.up, "up", "↑"), (.down, "down", "↓"),
      (.left, "left", "←"), (.right, "right", "→"), (.home, "home", "Home"), (.end, "end", "End"),
      (.pageUp, "pgup", "PgUp"), (.pageDown, "pgdn", "PgDn"), (.insert, "insert", "Insert"),
      (.delete, "delete", "Delete"), (.function(1), "f1", "F1"), (.function(12), "f12", "F12"),
      (.ctrl("r"), "ctrl-r", "Ctrl-R"), (.ctrl(" "), "ctrl-space", "Ctrl-Space"),
      (.alt("b"), "alt-b", "Alt-B"), (.alt("B"), "alt-B", "Alt-Shift-B"),
      (.alt("/"), "alt-/", "Alt-/"),
      (.ctrl(.up), "ctrl-up", "Ctrl-↑"), (.alt(.ctrl("x")), "ctrl-alt-x", "Ctrl-Alt-X"),
      (.ctrl(.shift(.left)), "ctrl-shift-left", "Ctrl-Shift-←"),
      (.paste("some text"), "paste", "Paste"),
    ])
  func names(key: Key, name: String, displayName: String) {
    #expect(key.name == name)
    #expect(key.displayName == displayName)
  }

  @Test("the same key however it is written")
  func canonical() {
    #expect(Key.ctrl("R") == Key.ctrl("r"))
    #expect(Key(.character("R"), modifiers: .ctrl) == .ctrl("r"))
    #expect(Key.alt(.up) == Key(.up, modifiers: .alt))
    #expect(Key.shift(.tab) == .shiftTab)
    #expect(Key.alt(.paste("x")) == .paste("x"))
    #expect(Key.alt("b") != Key.alt("B"))
  }

  @Test(
    "parsing is forgiving about case and a few aliases",
    arguments: [
      ("Ctrl-R", Key.ctrl("r")), ("ctrl-R", .ctrl("r")), ("CTRL-ALT-x", .alt(.ctrl("x"))),
      ("PgDn", .pageDown), ("pageup", .pageUp), ("Enter", .enter), ("return", .enter),
      ("Escape", .escape), ("backtab", .shiftTab), ("del", .delete), ("F5", .function(5)),
      ("meta-b", .alt("b")), ("alt--", .alt("-")), ("-", .char("-")), (" ", .space),
      ("f20", .function(20)),
    ])
  func parsing(name: String, key: Key) {
    #expect(Key(name: name) == key)
  }

  @Test(
    "names that are not keys",
    arguments: [
      "", "ctrl-", "alt-", "enterr", "ctrl-foo", "f0", "f25", "f01", "fx", "ctrl-paste", "ab",
    ])
  func notKeys(name: String) {
    #expect(Key(name: name) == nil)
  }

  @Test("text and pasted text")
  func reading() {
    #expect(Key.char("a").text == "a")
    #expect(Key.shift(.char("a")).text == "a")
    #expect(Key.alt("a").text == nil)
    #expect(Key.ctrl("a").text == nil)
    #expect(Key.enter.text == nil)
    #expect(Key.paste("hi").pastedText == "hi")
    #expect(Key.char("a").pastedText == nil)
  }
}
