import Testing

@testable import TerminalUI

enum KeymapTestAction: Hashable, Sendable {
  case up, down, open, back, search, help, undo, redo, quit, paste, export
}

private typealias Binding = Keymap<KeymapTestAction>.Binding

private let table: [Binding] = [
  .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Move up"),
  .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Move down"),
  .init(keys: [.enter], action: .open, name: "open", help: "Open the selected row", hint: true),
  .init(keys: [.escape], action: .back, name: "back", help: "Go back"),
  .init(keys: [.char("/")], action: .search, name: "search", help: "Search names", hint: true),
  .init(
    keys: [.char("?"), .function(1)], action: .help, name: "help", help: "Show the keys", hint: true
  ),
  .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step"),
  .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo", hint: false),
  .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit", hint: true),
  .init(keys: [.paste("")], action: .paste, name: "paste", help: "Search for the pasted text"),
  .init(keys: [], action: .export, name: "export", help: "Export | print", hint: true),
]

@Suite("Keymaps")
struct KeymapTests {
  let keymap: Keymap<KeymapTestAction>

  init() throws {
    keymap = try Keymap(table)
  }

  @Test("dispatch: each key finds its action, others none")
  func dispatch() {
    #expect(keymap.action(for: .enter) == .open)
    #expect(keymap.action(for: .up) == .up)
    #expect(keymap.action(for: .char("k")) == .up)
    #expect(keymap.action(for: .char("j")) == .down)
    #expect(keymap.action(for: .function(1)) == .help)
    #expect(keymap.action(for: .ctrl("r")) == .redo)
    #expect(keymap.action(for: .ctrl("R")) == .redo)
    #expect(keymap.action(for: .char("Q")) == nil)
    #expect(keymap.action(for: .char("r")) == nil)
    #expect(keymap.action(for: .alt("q")) == nil)
    #expect(keymap.action(for: .ctrl(.up)) == nil)
    #expect(keymap.binding(for: .escape)?.name == "back")
  }

  @Test("any paste finds the binding for the key named paste")
  func pasteDispatch() throws {
    #expect(keymap.action(for: .paste("Oisín")) == .paste)
    #expect(keymap.action(for: .paste("")) == .paste)
    let named = try Keymap<KeymapTestAction>([
      .init(keys: [try #require(Key(name: "paste"))], action: .paste, name: "paste", help: "Paste")
    ])
    #expect(named.action(for: .paste("x")) == .paste)
    #expect(try Keymap<KeymapTestAction>([]).action(for: .paste("x")) == nil)
  }

  @Test("actions by name, names by action, and the palette's list")
  func byName() {
    #expect(keymap.action(named: "open") == .open)
    #expect(keymap.action(named: "export") == .export)
    #expect(keymap.action(named: "Open") == nil)
    #expect(keymap.action(named: "") == nil)
    #expect(keymap.name(of: .redo) == "redo")
    #expect(keymap.binding(named: "help")?.keys == [.char("?"), .function(1)])
    #expect(
      keymap.actionNames == [
        "up", "down", "open", "back", "search", "help", "undo", "redo", "quit", "paste", "export",
      ])
  }

  @Test("a key bound to two actions is refused, naming both")
  func duplicateKey() {
    #expect(throws: KeymapError.keyBoundTwice(key: .enter, first: "open", second: "search")) {
      try Keymap<KeymapTestAction>([
        .init(keys: [.enter], action: .open, name: "open", help: "Open"),
        .init(keys: [.char("/"), .enter], action: .search, name: "search", help: "Search"),
      ])
    }
    // However it was written: Ctrl-R and Ctrl-r are one key.
    #expect(throws: KeymapError.keyBoundTwice(key: .ctrl("r"), first: "redo", second: "reload")) {
      try Keymap<KeymapTestAction>([
        .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo"),
        .init(keys: [.ctrl("R")], action: .undo, name: "reload", help: "Reload"),
      ])
    }
    let error = KeymapError.keyBoundTwice(key: .enter, first: "open", second: "search")
    #expect(error.description == "The key enter is bound to both open and search.")
  }

  @Test("a key listed twice, even for one action, is refused")
  func keyListedTwice() {
    #expect(throws: KeymapError.keyBoundTwice(key: .char("q"), first: "quit", second: "quit")) {
      try Keymap<KeymapTestAction>([
        .init(keys: [.char("q"), .char("q")], action: .quit, name: "quit", help: "Quit")
      ])
    }
    #expect(throws: KeymapError.self) {
      try Keymap<KeymapTestAction>([
        .init(keys: [.paste("a")], action: .paste, name: "paste", help: "Paste"),
        .init(keys: [.paste("b")], action: .search, name: "search", help: "Search"),
      ])
    }
  }

  @Test("two bindings with one name, or a name that is not one word, are refused")
  func badNames() {
    #expect(throws: KeymapError.nameUsedTwice("open")) {
      try Keymap<KeymapTestAction>([
        .init(keys: [.enter], action: .open, name: "open", help: "Open"),
        .init(keys: [.char("o")], action: .search, name: "open", help: "Open too"),
      ])
    }
    #expect(throws: KeymapError.invalidName("open row")) {
      try Keymap<KeymapTestAction>([
        .init(keys: [.enter], action: .open, name: "open row", help: "Open")
      ])
    }
    #expect(throws: KeymapError.invalidName("")) {
      try Keymap<KeymapTestAction>([.init(keys: [.enter], action: .open, name: "", help: "Open")])
    }
  }

  @Test("one action may have two names (and so two rows)")
  func actionTwice() throws {
    let keymap = try Keymap<KeymapTestAction>([
      .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit"),
      .init(keys: [.ctrl("c")], action: .quit, name: "exit", help: "Quit"),
    ])
    #expect(keymap.action(named: "exit") == .quit)
    #expect(keymap.name(of: .quit) == "quit")
  }

  @Test("the help overlay: keys in one column, then the help")
  func help() {
    #expect(
      keymap.helpLines() == [
        "↑, k    Move up",
        "↓, j    Move down",
        "Enter   Open the selected row",
        "Esc     Go back",
        "/       Search names",
        "?, F1   Show the keys",
        "u       Undo your last step",
        "Ctrl-R  Redo",
        "q       Quit",
        "Paste   Search for the pasted text",
        "        Export | print",
      ])
    // With a measure that counts the arrows as two columns, their rows get one space less.
    let wide = keymap.helpLines { $0.count + $0.filter { "↑↓".contains($0) }.count }
    #expect(wide[0] == "↑, k   Move up")
    #expect(wide[2] == "Enter   Open the selected row")
  }

  @Test("footer hints: hinted bindings with a key, in table order")
  func hints() {
    let full = "Enter open  / search  ? help  q quit"
    #expect(keymap.footerHints(width: 80) == full)
    #expect(keymap.footerHints(width: full.count) == full)
  }

  @Test("footer hints that don't fit are dropped from the end")
  func hintsFitted() {
    let full = "Enter open  / search  ? help  q quit"
    #expect(keymap.footerHints(width: full.count - 1) == "Enter open  / search  ? help")
    #expect(
      keymap.footerHints(width: "Enter open  / search  ? help".count)
        == "Enter open  / search  ? help")
    #expect(keymap.footerHints(width: 20) == "Enter open  / search")
    #expect(keymap.footerHints(width: 19) == "Enter open")
    #expect(keymap.footerHints(width: 10) == "Enter open")
    #expect(keymap.footerHints(width: 9) == "")
    #expect(keymap.footerHints(width: 0) == "")
    for width in 0...60 {
      #expect(keymap.footerHints(width: width).count <= width)
      #expect(full.hasPrefix(keymap.footerHints(width: width)))
    }
    // Measured in columns by the caller's measure.
    #expect(keymap.footerHints(width: 20, measure: { $0.count * 2 }) == "Enter open")
  }

  @Test("the keys as a Markdown table for the docs")
  func markdown() throws {
    #expect(
      keymap.markdownTable() == """
        | Key | Action | What it does |
        |---|---|---|
        | `↑`, `k` | up | Move up |
        | `↓`, `j` | down | Move down |
        | `Enter` | open | Open the selected row |
        | `Esc` | back | Go back |
        | `/` | search | Search names |
        | `?`, `F1` | help | Show the keys |
        | `u` | undo | Undo your last step |
        | `Ctrl-R` | redo | Redo |
        | `q` | quit | Quit |
        | `Paste` | paste | Search for the pasted text |
        |  | export | Export \\| print |

        """)
    // Keys that would break the table are escaped.
    let awkward = try Keymap<KeymapTestAction>([
      .init(keys: [.char("|")], action: .up, name: "pipe", help: "A pipe"),
      .init(keys: [.char("`")], action: .down, name: "tick", help: "A backtick"),
    ])
    #expect(
      awkward.markdownTable() == """
        | Key | Action | What it does |
        |---|---|---|
        | `\\|` | pipe | A pipe |
        | `` ` `` | tick | A backtick |

        """)
  }

  @Test("a keymap is generic: any hashable action type")
  func generic() throws {
    let keymap = try Keymap<String>([
      .init(keys: [.alt("b")], action: "word-back", name: "word-back", help: "Back a word")
    ])
    #expect(keymap.action(for: .alt("b")) == "word-back")
    #expect(keymap.action(for: .alt("B")) == nil)
  }
}
