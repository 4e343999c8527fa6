import Foundation
import Testing

@testable import TerminalUI

/// A new empty directory (its name has a space, as a user's temporary directory might).
private func makeDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("caseload editor \(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// An executable shell script in `directory`.
/// The editor command for a script: run through `sh` rather than executed, so a parallel test forking while the
/// script is being written cannot make its exec fail with "text file busy".
private func makeScript(_ name: String, _ body: String, in directory: URL) throws -> String {
  let url = directory.appendingPathComponent(name)
  try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
  try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
  return "sh '\(url.path)'"
}

/// Shows the last external edit; `e` asks to edit its text.
private struct EditingApp: TerminalApp {
  var minimumSize: (width: Int, height: Int) { (10, 2) }
  var text = "draft"
  var lastTag = ""

  mutating func handle(_ event: AppEvent) -> AppCommand {
    switch event {
    case .key(.char("e")): return .editExternally(text: text, tag: "note-1")
    case .editedExternally(let edited, let tag):
      lastTag = tag
      if let edited { text = edited }
      return .none
    default: return .none
    }
  }

  func draw(into grid: inout Grid) {
    grid.put(text, row: 0, column: 0)
    grid.put(lastTag, row: 1, column: 0)
  }
}

@Suite("External editor")
struct ExternalEditorTests {
  @Test("the editor is $VISUAL, then $EDITOR, then vi")
  func command() {
    #expect(ExternalEditor.command(environment: ["VISUAL": "nano", "EDITOR": "vim"]) == "nano")
    #expect(
      ExternalEditor.command(environment: ["VISUAL": "", "EDITOR": "code --wait"]) == "code --wait")
    #expect(ExternalEditor.command(environment: [:]) == "vi")
  }

  @Test(
    "a round trip through a script editor: a private file in TMPDIR, edited, read back, removed")
  func roundTrip() throws {
    let scripts = try makeDirectory()
    let temporary = try makeDirectory()
    defer {
      try? FileManager.default.removeItem(at: scripts)
      try? FileManager.default.removeItem(at: temporary)
    }
    // Records the file's mode and where it is, then appends a line.
    let editor = try makeScript(
      "append.sh",
      """
      stat -c %a "$1" >> "$1"
      stat -c %a "$(dirname "$1")" >> "$1"
      dirname "$1" >> "$1"
      echo "Added in the editor." >> "$1"
      """, in: scripts)
    let environment = ["EDITOR": editor, "TMPDIR": temporary.path]
    let edited = ExternalEditor.edit("Zoë settled well.\nSecond line", environment: environment)
    let lines = try #require(edited).components(separatedBy: "\n")
    #expect(lines.prefix(4) == ["Zoë settled well.", "Second line", "600", "700"])
    #expect(lines[4].hasPrefix(temporary.path + "/caseload-edit-"), "a private folder of its own")
    #expect(lines.last == "Added in the editor.")
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)

    // Text that ended with a line break keeps exactly one.
    let unchanged = try makeScript("true.sh", "exit 0", in: scripts)
    #expect(
      ExternalEditor.edit(
        "one\n", environment: ["EDITOR": unchanged, "TMPDIR": temporary.path])
        == "one\n")
    #expect(
      ExternalEditor.edit("one", environment: ["VISUAL": unchanged, "EDITOR": "false"])
        == "one")
  }

  @Test("an editor that fails, or does not exist, gives nil and leaves no file behind")
  func failure() throws {
    let scripts = try makeDirectory()
    let temporary = try makeDirectory()
    defer {
      try? FileManager.default.removeItem(at: scripts)
      try? FileManager.default.removeItem(at: temporary)
    }
    let failing = try makeScript("fail.sh", "echo changed >> \"$1\"\nexit 1", in: scripts)
    #expect(
      ExternalEditor.edit(
        "note", environment: ["EDITOR": failing, "TMPDIR": temporary.path]) == nil)
    #expect(
      ExternalEditor.edit(
        "note", environment: ["EDITOR": "/nonexistent/editor", "TMPDIR": temporary.path]) == nil)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    #expect(
      ExternalEditor.edit("note", environment: ["EDITOR": "true", "TMPDIR": "/nonexistent"]) == nil)
  }

  @Test("in tests the runner returns .editExternally, and the app takes .editedExternally by tag")
  func stepping() {
    var app = EditingApp()
    let backend = MemoryBackend(width: 20, height: 2)
    let command = AppRunner.step(&app, [.key(.char("e"))], on: backend)
    #expect(command == .editExternally(text: "draft", tag: "note-1"))
    AppRunner.step(&app, [.editedExternally(text: "final", tag: "note-1")], on: backend)
    #expect(backend.lines == ["final", "note-1"])
    AppRunner.step(&app, [.editedExternally(text: nil, tag: "note-2")], on: backend)
    #expect(backend.lines == ["final", "note-2"])
  }
}
