/// Text broken into lines of at most a number of columns: the one word wrap that dialogs, screens and printed
/// tables share.
public enum WordWrap {
  /// Lines of at most `width` columns, broken at spaces where they can be and inside a word (between graphemes)
  /// where a word is wider than a line. Line breaks in the text are kept and an empty text is one empty line; the
  /// text is sanitised for the terminal. `hangingIndent` columns of space start each line a paragraph continues on.
  public static func lines(_ text: String, width: Int, hangingIndent: Int = 0) -> [String] {
    guard width > 0 else { return [] }
    let indent = hangingIndent < width ? max(hangingIndent, 0) : 0
    let pad = String(repeating: " ", count: indent)
    var lines: [String] = []
    for paragraph in Sanitise.text(text, keepingNewlines: true).split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      var line = ""
      var lineWidth = 0
      var first = true
      /// Ends the line being built; the paragraph's next line starts indented.
      func endLine() {
        lines.append(line)
        line = pad
        lineWidth = indent
        first = false
      }
      // Spaces between words are kept as typed (a column of keys stays aligned); a break swallows them.
      var gap = 0
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
        guard !word.isEmpty else {
          gap += 1
          continue
        }
        var word = String(word)
        var wordWidth = word.displayWidth
        let started = first ? lineWidth > 0 : lineWidth > indent
        let spaces = started || first ? gap : 0
        gap = 1
        if lineWidth + spaces + wordWidth <= width {
          line += String(repeating: " ", count: spaces) + word
          lineWidth += spaces + wordWidth
          continue
        }
        if started { endLine() }
        // Break a word wider than the room left on a line between graphemes.
        while lineWidth + wordWidth > width {
          var rest = word[...]
          while let c = rest.first, lineWidth + c.displayWidth <= width {
            line.append(c)
            lineWidth += c.displayWidth
            rest = rest.dropFirst()
          }
          if rest.count == word.count, let c = rest.first {  // a wide character in a narrow line
            line.append(c)
            rest = rest.dropFirst()
          }
          endLine()
          word = String(rest)
          wordWidth = word.displayWidth
        }
        line += word
        lineWidth += wordWidth
      }
      lines.append(line)
    }
    return lines
  }
}
