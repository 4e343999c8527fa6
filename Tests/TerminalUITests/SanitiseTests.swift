import Testing

@testable import TerminalUI

@Suite("Sanitising text for the terminal")
struct SanitiseTests {
  @Test("SGR colour sequences are removed")
  func csi() {
    #expect("\u{1B}[31mRed\u{1B}[0m".sanitisedForTerminal == "Red")
    #expect("A\u{1B}[2J\u{1B}[1;1HB".sanitisedForTerminal == "AB")
    #expect("\u{1B}[?1049h\u{1B}[>4;1mX".sanitisedForTerminal == "X")
    #expect("\u{1B}[ qX".sanitisedForTerminal == "X")  // intermediate byte before the final
  }

  @Test("OSC sequences are removed, ended by BEL or ST")
  func osc() {
    #expect("\u{1B}]0;pwned\u{07}Ana".sanitisedForTerminal == "Ana")
    #expect("\u{1B}]2;title\u{1B}\\Ana".sanitisedForTerminal == "Ana")
    #expect(
      "\u{1B}]8;;https://example.invalid\u{1B}\\link\u{1B}]8;;\u{1B}\\".sanitisedForTerminal
        == "link")
    #expect("\u{9D}0;title\u{9C}Ana".sanitisedForTerminal == "Ana")
    #expect("Ana\u{1B}]0;never ended".sanitisedForTerminal == "Ana")
  }

  @Test("C1 CSI is removed with its parameters")
  func c1() {
    #expect("\u{9B}2J".sanitisedForTerminal == "")
    #expect("Ana\u{9B}31mB".sanitisedForTerminal == "AnaB")
    #expect("A\u{80}\u{85}\u{81}B".sanitisedForTerminal == "A B")  // NEL is a line break
    #expect("A\u{9F}apc\u{9C}B".sanitisedForTerminal == "AB")  // C1 APC
  }

  @Test("DCS, SOS, PM and APC strings are removed up to ST")
  func controlStrings() {
    #expect("\u{1B}P1$r0m\u{1B}\\Ana".sanitisedForTerminal == "Ana")
    // BEL ends OSC but not APC.
    #expect("\u{1B}_apc\u{07}still\u{1B}\\Ana".sanitisedForTerminal == "Ana")
    #expect("\u{1B}Xsos\u{9C}Ana".sanitisedForTerminal == "Ana")
    #expect("\u{1B}^pm\u{1B}\\Ana".sanitisedForTerminal == "Ana")
    #expect("\u{90}dcs\u{9C}Ana".sanitisedForTerminal == "Ana")
  }

  @Test("two-character and intermediate ESC sequences are removed")
  func shortEscapes() {
    #expect("A\u{1B}cB".sanitisedForTerminal == "AB")  // full reset
    #expect("A\u{1B}7B\u{1B}8".sanitisedForTerminal == "AB")
    #expect("A\u{1B}(0qqq\u{1B}(B".sanitisedForTerminal == "Aqqq")  // charset designation
    #expect("A\u{1B}#8B".sanitisedForTerminal == "AB")
    #expect("A\u{1B}".sanitisedForTerminal == "A")
    #expect("A\u{1B}\u{1B}[1mB".sanitisedForTerminal == "AB")
    #expect("A\u{1B}é".sanitisedForTerminal == "Aé")
  }

  @Test("other C0 controls and DEL are removed")
  func c0() {
    #expect("A\u{07}\u{08}\u{00}B\u{7F}C".sanitisedForTerminal == "ABC")
    #expect("\u{0E}Ana\u{0F}".sanitisedForTerminal == "Ana")
  }

  @Test("bidi overrides, isolates and marks are removed")
  func bidi() {
    #expect("Ana\u{202E}cba\u{202C}".sanitisedForTerminal == "Anacba")
    #expect("\u{2066}Ana\u{2069}\u{2067}\u{2068}".sanitisedForTerminal == "Ana")
    #expect("\u{202A}\u{202B}\u{202D}x\u{200E}\u{200F}\u{61C}".sanitisedForTerminal == "x")
  }

  @Test("tabs and line breaks become spaces on one line")
  func whitespace() {
    #expect("Ana\tLi".sanitisedForTerminal == "Ana Li")
    #expect("one\ntwo\r\nthree\rfour".sanitisedForTerminal == "one two three four")
    #expect("a\u{2028}b\u{2029}c\u{0B}d\u{0C}e".sanitisedForTerminal == "a b c d e")
  }

  @Test("line breaks can be kept as newlines")
  func keepingNewlines() {
    let text = "one\r\ntwo\u{2028}three\n\u{1B}[1mfour\tfive"
    #expect(Sanitise.text(text, keepingNewlines: true) == "one\ntwo\nthree\nfour five")
  }

  @Test("clean text comes back unchanged")
  func cleanText() {
    for text in ["", "Ana Example", "Zoë", "Zoe\u{308}", "王秀英", "👩‍👩‍👧", "Ελένη", "[31m", "a\u{200D}b"]
    {
      #expect(text.sanitisedForTerminal == text)
      #expect(Sanitise.isSafe(text))
    }
    #expect(!Sanitise.isSafe("a\tb"))
    #expect(!Sanitise.isSafe("\u{202E}"))
  }

  @Test("grapheme clusters survive around removed sequences")
  func unicodeAroundEscapes() {
    #expect("\u{1B}[1m王秀英\u{1B}[0m 🇬🇧".sanitisedForTerminal == "王秀英 🇬🇧")
    #expect("Zoe\u{1B}[0m\u{308}".sanitisedForTerminal == "Zoe\u{308}")
  }

  @Test("nothing that can start a control function survives arbitrary input")
  func noControlsSurvive() {
    var generator = SplitMix64(seed: 42)
    let alphabet: [Unicode.Scalar] = [
      "\u{1B}", "[", "]", "\\", "P", "_", "\u{07}", "\u{9B}", "\u{9D}", "\u{9C}", "\u{90}",
      "\u{0A}", "\u{0D}", "\u{09}",
      "1", ";", "m", "a", "é", "王", "\u{202E}", "\u{2066}", "\u{7F}", "\u{85}", "\u{00}", " ",
    ]
    for _ in 0..<500 {
      var text = String.UnicodeScalarView()
      for _ in 0..<Int(generator.next() % 40) {
        text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
      }
      let clean = String(text).sanitisedForTerminal
      #expect(
        Sanitise.isSafe(clean), "\(String(text).debugDescription) → \(clean.debugDescription)")
    }
  }
}

/// A small deterministic random number generator for generated inputs.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
