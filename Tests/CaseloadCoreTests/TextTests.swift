import Testing

@testable import CaseloadCore

@Suite("Text")
struct TextTests {
  @Test(
    "search keys ignore case and accents",
    arguments: [
      ("Oisín", "oisin"),
      ("Zoë", "zoe"),
      ("Zoe\u{0308}", "zoe"),  // diaeresis typed as a combining mark
      ("ZOË", "zoe"),
      ("Siobhán Ní Bhriain", "siobhan ni bhriain"),
      ("Łukasz Wójcik", "lukasz wojcik"),
      ("Søren Æbelø", "soren aebelo"),
      ("Straße", "strasse"),
      ("O’Brien", "o'brien"),
      ("François-Noël", "francois-noel"),
      ("Nguyễn Thị Ánh", "nguyen thi anh"),
      ("Đặng", "dang"),
    ])
  func searchKey(text: String, key: String) {
    #expect(Text.searchKey(text) == key)
  }

  @Test("a precomposed and a decomposed name have the same key")
  func searchKeyForms() {
    #expect(Text.searchKey("Zo\u{00EB}") == Text.searchKey("Zoe\u{0308}"))
    #expect(Text.searchKey("zoe") == Text.searchKey("Zoë"))
  }

  @Test("clean normalises to NFC")
  func cleanNFC() {
    let cleaned = Text.clean("Zoe\u{0308}")
    #expect(cleaned == "Zoë")
    #expect(Array(cleaned.unicodeScalars) == ["Z", "o", "\u{00EB}"])
    #expect(Array(Text.clean("Oi\u{0301}si\u{0301}n").unicodeScalars).count == 5)
  }

  @Test(
    "clean removes control characters and trims",
    arguments: [
      ("  Amara  ", "Amara"),
      ("Ama\u{0007}ra", "Amara"),
      ("Amara\u{0000}", "Amara"),
      ("Amara\nNwosu", "AmaraNwosu"),
      ("Amara\tNwosu", "AmaraNwosu"),
      ("Amara\u{007F}", "Amara"),
      ("Amara\u{0085}", "Amara"),
      ("\u{202E}Amara", "Amara"),  // right-to-left override
      ("Amara\u{2066}\u{2069}", "Amara"),
      ("Amara\u{2028}Nwosu", "AmaraNwosu"),
    ])
  func cleanControls(text: String, cleaned: String) {
    #expect(Text.clean(text) == cleaned)
  }

  @Test(
    "clean removes terminal escape sequences whole",
    arguments: [
      ("\u{1B}[31mAmara\u{1B}[0m", "Amara"),
      ("\u{1B}[1;4;38;5;196mNwosu\u{1B}[m", "Nwosu"),
      ("Amara\u{1B}[2J\u{1B}[H", "Amara"),
      ("\u{1B}]0;pwned\u{07}Amara", "Amara"),
      ("\u{1B}]8;;https://example.org\u{1B}\\Amara\u{1B}]8;;\u{1B}\\", "Amara"),
      ("\u{1B}(BAmara", "Amara"),
      ("\u{1B}cAmara", "Amara"),
      ("\u{9B}31mAmara", "Amara"),
      ("Amara\u{1B}", "Amara"),
      // An unterminated title ended by the next sequence.
      ("\u{1B}]0;title\u{1B}[1mAmara", "Amara"),
      // A stray ESC before a letter that cannot end a sequence.
      ("Zo\u{1B}ë", "Zoë"),
    ])
  func cleanEscapes(text: String, cleaned: String) {
    let result = Text.clean(text)
    #expect(result == cleaned)
    #expect(!result.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
  }

  @Test("clean keeps what people type: any script, apostrophes, hyphens, inner spaces, emoji")
  func cleanKeeps() {
    for name in [
      "O'Brien", "Adeyemi-Hart", "van der Berg", "王秀英", "Σοφία", "محمد", "Nguyễn", "Zoë 🌟",
      "[Year 7]",
    ] {
      #expect(Text.clean(name) == name)
    }
  }

  @Test("multiline clean keeps line breaks and tabs, drops escapes, and normalises CRLF")
  func cleanMultiline() {
    #expect(Text.cleanMultiline("Line one\r\nLine two\tend\n\n") == "Line one\nLine two\tend")
    #expect(Text.cleanMultiline("\u{1B}[31mRed\u{1B}[0m note\u{0007}") == "Red note")
    #expect(Text.cleanMultiline("Zoe\u{0308}\nsecond") == "Zoë\nsecond")
  }

  @Test("excerpts keep the first line and shorten it")
  func excerpt() {
    #expect(Text.excerpt("First line\nSecond") == "First line")
    let long = String(repeating: "a", count: 50)
    #expect(Text.excerpt(long) == String(repeating: "a", count: 39) + "…")
    #expect(Text.excerpt(long).count == 40)
    #expect(Text.excerpt("") == "")
  }

  @Test("names are cleaned as they are made")
  func namesCleaned() {
    let name = PersonName(given: " Zoe\u{0308}\u{1B}[0m ", family: "Adeyemi-Hart\n")
    #expect(name.given == "Zoë")
    #expect(name.family == "Adeyemi-Hart")
    #expect(name.full == "Zoë Adeyemi-Hart")
  }
}

@Suite("names written without spaces")
struct CJKNameTests {
  @Test("Chinese and Korean names in their own script have no space; romanised ones keep it")
  func noSpaceInCJK() {
    #expect(PersonName(given: "秀英", family: "王", familyFirst: true).full == "王秀英")
    #expect(PersonName(given: "민준", family: "김", familyFirst: true).full == "김민준")
    #expect(PersonName(given: "Xiuying", family: "Wang", familyFirst: true).full == "Wang Xiuying")
    #expect(PersonName(given: "Oisín", family: "O'Brien").full == "Oisín O'Brien")
  }
}

/// Plain ASCII takes a shortcut past the Unicode work; it must give what the long way gives.
@Suite("Text cleaning, the ASCII shortcut")
struct CleanASCIITests {
  @Test(arguments: [
    "Amara", " Amara", "Amara ", "Amara\tTestington", "Read 40/50 words.", "", " ", "a\nb",
    "a\r\nb", "\nTrailing\n", "Tabs\tinside", "Caf\u{65}\u{301}", "\u{1B}[31mred\u{1B}[0m",
    "x\u{7F}",
  ])
  func theShortcutAgreesWithTheLongWay(text: String) {
    let long = { (s: String, multiline: Bool) -> String in
      // The same text with a non-ASCII character in front takes the long way; then drop it again.
      let marked = (multiline ? Text.cleanMultiline("é" + s) : Text.clean("é" + s))
      return String(marked.dropFirst())
    }
    if !text.hasPrefix(" "), !text.hasPrefix("\n"), !text.hasPrefix("\t") {
      #expect(Text.clean(text) == long(text, false), "\(text.debugDescription)")
      #expect(Text.cleanMultiline(text) == long(text, true), "\(text.debugDescription)")
    }
    #expect(Text.clean(text) == Text.clean(text).trimmingCharacters(in: .whitespaces))
  }
}
