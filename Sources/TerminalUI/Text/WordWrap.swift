/// Text broken into lines of at most a number of columns, at spaces where it can: the one word wrap that
/// dialogs and printed tables share.
public enum WordWrap {
  public static func lines(_ text: String, width: Int) -> [String] {
    DialogFrame.wrap(text, width: width)
  }
}
