import Foundation
import Testing

@testable import CaseloadTUI

/// The README's keys section is the keymap tables, word for word: change a binding and this fails until the
/// README says the same.
@Suite struct ReadmeKeysTests {
  static var expectedSection: String {
    """
    ### Caseload list

    \(CaseloadApp.listKeys.markdownTable())
    ### Pupil overview

    \(CaseloadApp.overviewKeys.markdownTable())
    ### Deadlines

    \(DeadlinesScreen.keys.markdownTable())
    ### Plan editor

    \(PlanEditor.keys.markdownTable())
    ### Timeline

    \(TimelineScreen.keys.markdownTable())
    ### Review meeting

    \(MeetingScreen.keys.markdownTable())
    ### Every editor

    \(editorKeys.markdownTable())
    ### Saved by someone else (a save that clashes with another session's)

    \(mergeKeys.markdownTable())
    """
  }

  @Test func theReadmeListsTheKeysOfEveryScreen() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    if ProcessInfo.processInfo.environment["CASELOAD_WRITE_KEYS"] != nil {
      try Self.expectedSection.write(
        toFile: "/tmp/caseload-keys.md", atomically: true, encoding: .utf8)
    }
    #expect(
      readme.contains(Self.expectedSection), "the README's keys section differs from the keymaps")
  }
}
