import Testing

@testable import TerminalUI

@Suite("Display width")
struct DisplayWidthTests {
  @Test("a precomposed and a combining-diaeresis name are both 3 columns")
  func combiningMarks() {
    let precomposed = "Zo\u{EB}"
    let decomposed = "Zoe\u{308}"
    #expect(precomposed.displayWidth == 3)
    #expect(decomposed.displayWidth == 3)
    #expect(decomposed.count == 3)
    #expect(Character("e\u{301}").displayWidth == 1)
    #expect("Sio\u{301}bha\u{301}n".displayWidth == 7)
  }

  @Test("East Asian wide characters take 2 columns")
  func wideCharacters() {
    #expect("王秀英".displayWidth == 6)
    #expect("김민준".displayWidth == 6)
    #expect("さくら".displayWidth == 6)
    #expect("カタカナ".displayWidth == 8)
    #expect("ＡＢ".displayWidth == 4)  // fullwidth forms
    #expect("\u{3000}".displayWidth == 2)  // ideographic space
    #expect("ｶ".displayWidth == 1)  // halfwidth katakana
    #expect("Ana 王".displayWidth == 6)
  }

  @Test("emoji, ZWJ sequences and flags are one grapheme of 2 columns")
  func emoji() {
    #expect("👩‍👩‍👧".count == 1)
    #expect("👩‍👩‍👧".displayWidth == 2)
    #expect("🇬🇧".displayWidth == 2)
    #expect("🇬🇧🇮🇪".displayWidth == 4)
    #expect("😀".displayWidth == 2)
    #expect("👍🏽".displayWidth == 2)  // skin-tone modifier
    #expect("❤\u{FE0F}".displayWidth == 2)  // text-default emoji with emoji presentation
    #expect("❤".displayWidth == 1)
    #expect("🏳\u{FE0F}\u{200D}🌈".displayWidth == 2)
    #expect("⌚\u{FE0E}".displayWidth == 1)  // emoji with text presentation
  }

  @Test("zero-width and control characters take no columns")
  func zeroWidth() {
    #expect("\u{200D}".displayWidth == 0)
    #expect("\u{200B}".displayWidth == 0)
    #expect("\u{200C}".displayWidth == 0)
    #expect("\u{2060}".displayWidth == 0)
    #expect("\u{FEFF}".displayWidth == 0)
    #expect("a\u{200B}b".displayWidth == 2)
    #expect("\u{1B}".displayWidth == 0)
    #expect("\r\n".displayWidth == 0)
    #expect("\u{85}".displayWidth == 0)
    #expect("\u{7F}".displayWidth == 0)
    #expect("".displayWidth == 0)
  }

  @Test("a decomposed é is 1 column")
  func decomposedAcute() {
    let nfd = "e\u{301}"
    #expect(nfd.unicodeScalars.count == 2)
    #expect(nfd.displayWidth == 1)
  }

  @Test("Latin, Greek and Cyrillic text is 1 column a letter")
  func fastPath() {
    #expect("Siobhán Mac Giolla Phádraig".displayWidth == 27)
    #expect("Ελένη Παπαδοπούλου".displayWidth == 18)
    #expect("Наталья Иванова".displayWidth == 15)
    #expect("Łukasz Wójcik-Żak".displayWidth == 17)
  }

  @Test("the fast path agrees with measuring grapheme by grapheme")
  func fastPathAgreesWithSlowPath() {
    let samples = [
      "Zoë", "Zoe\u{308}", "王秀英", "Ελένη", "Наталья\u{483}", "a\tb", "👩‍👩‍👧 x", "Ana\u{AD}Li", "ɐɓɔ",
    ]
    for sample in samples {
      #expect(DisplayWidth.of(sample) == DisplayWidth.graphemeWidth(sample), "\(sample)")
    }
  }

  @Test("scalar widths at the table edges")
  func scalarTables() {
    #expect(DisplayWidth.of(Unicode.Scalar(0x10FF)!) == 1)
    #expect(DisplayWidth.of(Unicode.Scalar(0x1100)!) == 2)
    #expect(DisplayWidth.of(Unicode.Scalar(0x115F)!) == 2)
    #expect(DisplayWidth.of(Unicode.Scalar(0x1160)!) == 0)
    #expect(DisplayWidth.of(Unicode.Scalar(0x4E00)!) == 2)
    #expect(DisplayWidth.of(Unicode.Scalar(0x20000)!) == 2)
    #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
    #expect(DisplayWidth.of(Unicode.Scalar(0xE000)!) == 1)  // private use
    #expect(DisplayWidth.of(Unicode.Scalar(0x1F1EC)!) == 1)  // a lone regional indicator
  }

  @Test("truncation ends with an ellipsis and never exceeds the width")
  func truncation() {
    let long = "Siobhán Mac Giolla Phádraig"
    #expect(long.truncated(toWidth: 10) == "Siobhán M…")
    #expect(long.truncated(toWidth: 10).displayWidth == 10)
    #expect(long.truncated(toWidth: 27) == long)
    #expect(long.truncated(toWidth: 26) == "Siobhán Mac Giolla Phádra…")
    #expect(long.truncated(toWidth: 1) == "…")
    #expect(long.truncated(toWidth: 0) == "")
    #expect(long.truncated(toWidth: -3) == "")
  }

  @Test("truncating wide characters never shows half of one")
  func truncationOfWideCharacters() {
    let name = "王秀英王秀英"
    #expect(name.truncated(toWidth: 5) == "王秀…")
    #expect(name.truncated(toWidth: 5).displayWidth == 5)
    #expect(name.truncated(toWidth: 4) == "王…")
    #expect(name.truncated(toWidth: 4).displayWidth == 3)
    #expect(name.truncated(toWidth: 2) == "…")
    #expect(name.truncated(toWidth: 12) == name)
    #expect(name.padded(toWidth: 4) == "王… ")
  }

  @Test("truncation never cuts inside a grapheme")
  func truncationKeepsGraphemes() {
    let decomposed = "Zoe\u{308}e\u{308}e\u{308}"
    #expect(decomposed.truncated(toWidth: 4) == "Zoe\u{308}…")
    let family = "👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧"
    #expect(family.truncated(toWidth: 5) == "👩‍👩‍👧👩‍👩‍👧…")
    #expect(family.truncated(toWidth: 4) == "👩‍👩‍👧…")
  }

  @Test("spaces before the ellipsis are dropped")
  func truncationTrimsSpaces() {
    #expect("Mr A Example".truncated(toWidth: 4) == "Mr…")
    #expect("Mr A Example".truncated(toWidth: 5) == "Mr A…")
  }

  @Test("padding gives exactly the width")
  func padding() {
    #expect("Ana".padded(toWidth: 6) == "Ana   ")
    #expect("Ana".padded(toWidth: 6, alignment: .trailing) == "   Ana")
    #expect("Ana".padded(toWidth: 6, alignment: .centre) == " Ana  ")
    #expect("王秀".padded(toWidth: 5) == "王秀 ")
    #expect("Zoe\u{308}".padded(toWidth: 4) == "Zoe\u{308} ")
    #expect("Siobhán Mac Giolla".padded(toWidth: 8) == "Siobhán…")
    #expect("Ana".padded(toWidth: 0) == "")
    for width in 0...14 {
      #expect("王秀英 Ana-Maria".padded(toWidth: width).displayWidth == width)
    }
  }
}
