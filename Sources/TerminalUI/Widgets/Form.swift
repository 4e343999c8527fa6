/// One field of a ``Form``: what it is called, what kind of editor it gets, its value and how it is checked.
///
/// Values are text whatever the kind, so callers read a form back as strings by field id and parse them in
/// their own terms: a choice's value is the chosen choice's title ("" for none), a checkbox's is "true" or
/// "false".
public struct FormField: Sendable {
  /// The editor a field gets.
  public enum Kind: Sendable, Hashable {
    /// One line: a ``TextInput``.
    case text
    /// Prose: a ``TextArea`` this many rows tall.
    case multiline(rows: Int)
    /// One of a list: shows the chosen title; Enter or Space opens a ``ChoicePicker``.
    case choice([ChoicePicker.Choice])
    /// On or off: Space ticks and unticks.
    case checkbox
  }

  public let id: String
  public var label: String
  public var kind: Kind
  /// The value the form starts with (and ``Form/isDirty`` compares against).
  public var value: String
  /// Marked with "*" after the label; empty is then an error ("… is required."), and an unticked checkbox
  /// counts as empty.
  public var required: Bool
  /// For text and multi-line fields: the most graphemes.
  public var maxLength: Int?
  /// Shown dim in an empty text field, or for a choice with none chosen.
  public var placeholder: String
  /// Returns an error sentence for a value, or nil when it is fine. Not called for an empty value (that is
  /// only an error when the field is required).
  public var validate: (@Sendable (String) -> String?)?
  /// Returns a line shown dim under the field while it is focused ("Tuesday" for a date, "31/12/2025, +6w,
  /// next term" as a reminder), from its current value; nil shows nothing.
  public var hint: (@Sendable (String) -> String?)?

  public init(
    id: String, label: String, kind: Kind = .text, value: String = "", required: Bool = false,
    maxLength: Int? = nil, placeholder: String = "",
    hint: (@Sendable (String) -> String?)? = nil,
    validate: (@Sendable (String) -> String?)? = nil
  ) {
    self.id = id
    self.label = label
    self.kind = kind
    self.value = value
    self.required = required
    self.maxLength = maxLength
    self.placeholder = placeholder
    self.hint = hint
    self.validate = validate
  }
}

/// Labelled fields in a column, for adding and editing records: focus moves between fields, each field edits
/// its value with the right widget, and errors are shown next to the field they are about.
///
/// ```
/// Surname*     Example____________
/// Need         SEMH  Social, emotional and mental health
/// Review date  31/02/2026_________
///              Not a date: February has 28 days in 2026.
/// Notes        Finds transitions hard; a
///              quiet start works.
/// Consent      [x]
/// ```
///
/// Keys: Tab / Shift-Tab go to the next / previous field (round the ends); ↓/↑ do the same from one-line fields
/// (not from a multi-line one, where they move the cursor). Enter on a one-line field goes to the next one, and
/// on the last one is `.submitted`. Space ticks a checkbox; Enter or Space on a choice opens its picker. Esc is
/// `.cancelled` (the caller asks "discard changes?" when ``isDirty``). Other keys the editor does not use are
/// `.ignored`, so the caller can bind Ctrl-S to save or a key to edit a note in an external editor.
///
/// A field's error shows once it has been left or ``validateAll()`` has run, and then follows its value. The
/// form scrolls when taller than its area, keeping the focused field in view.
public struct Form: Sendable {
  /// What a key did.
  public enum Outcome: Sendable, Hashable {
    /// A value changed.
    case changed
    /// Focus moved, a picker opened or closed, or the key did nothing to the values.
    case handled
    /// Enter on the last one-line field: the caller validates and saves.
    case submitted
    /// Esc.
    case cancelled
    /// Not a key for the form.
    case ignored
  }

  /// A field's editor and the state in it.
  enum Editor: Sendable, Hashable {
    case text(TextInput)
    case multiline(TextArea)
    case choice(Int?)
    case checkbox(Bool)
  }

  public let fields: [FormField]
  private var editors: [Editor]
  private var initialValues: [String]
  /// The index of the focused field.
  public private(set) var focus: Int = 0
  /// Fields whose errors show: left at least once, or all of them after ``validateAll()``.
  public private(set) var touched: Set<Int> = []
  /// The picker of the focused choice field, while it is open.
  public private(set) var picker: ChoicePicker?
  /// The row of the form's content shown at the top of its area.
  public private(set) var scroll: Int = 0
  /// The size of the area, once the caller has told the form (``fit(width:height:)``).
  public private(set) var width: Int = 80
  public private(set) var height: Int?

  public init(fields: [FormField]) {
    self.fields = fields
    editors = fields.map(Self.editor(for:))
    initialValues = []
    initialValues = fields.indices.map(value(at:))
    fit(width: width, height: height)
  }

  private static func editor(for field: FormField) -> Editor {
    switch field.kind {
    case .text:
      return .text(
        TextInput(text: field.value, maxLength: field.maxLength, placeholder: field.placeholder))
    case .multiline(let rows):
      return .multiline(
        TextArea(
          text: field.value, height: max(1, rows), maxLength: field.maxLength,
          placeholder: field.placeholder))
    case .choice(let choices):
      return .choice(Self.choiceIndex(field.value, in: choices))
    case .checkbox:
      return .checkbox(Self.isTrue(field.value))
    }
  }

  private static func choiceIndex(_ value: String, in choices: [ChoicePicker.Choice]) -> Int? {
    choices.firstIndex { $0.title == value }
      ?? choices.firstIndex { $0.title.lowercased() == value.lowercased() }
  }

  private static func isTrue(_ value: String) -> Bool {
    ["true", "yes", "1", "x", "on"].contains(value.lowercased())
  }

  // MARK: Values

  /// The field with an id.
  public func index(of id: String) -> Int? { fields.firstIndex { $0.id == id } }

  /// A field's value by id (nil for an unknown id).
  public func value(_ id: String) -> String? { index(of: id).map(value(at:)) }

  /// Every value by field id.
  public var values: [String: String] {
    Dictionary(uniqueKeysWithValues: fields.indices.map { (fields[$0].id, value(at: $0)) })
  }

  /// Whether a checkbox field is ticked.
  public func isChecked(_ id: String) -> Bool {
    guard let index = index(of: id), case .checkbox(let on) = editors[index] else { return false }
    return on
  }

  /// The index of the chosen choice of a choice field.
  public func choiceIndex(_ id: String) -> Int? {
    guard let index = index(of: id), case .choice(let chosen) = editors[index] else { return nil }
    return chosen
  }

  func value(at index: Int) -> String {
    switch editors[index] {
    case .text(let input): return input.text
    case .multiline(let area): return area.text
    case .choice(let chosen):
      guard case .choice(let choices) = fields[index].kind, let chosen else { return "" }
      return choices[chosen].title
    case .checkbox(let on): return on ? "true" : "false"
    }
  }

  /// Sets a field's value (text from an external editor, a default picked by the caller); a choice is found
  /// by title, and a checkbox is ticked by "true", "yes", "1", "x" or "on". Unknown ids are ignored.
  public mutating func setValue(_ value: String, for id: String) {
    guard let index = index(of: id) else { return }
    switch editors[index] {
    case .text(var input):
      input.setText(value)
      editors[index] = .text(input)
    case .multiline(var area):
      area.setText(value)
      editors[index] = .multiline(area)
    case .choice:
      guard case .choice(let choices) = fields[index].kind else { return }
      editors[index] = .choice(Self.choiceIndex(value, in: choices))
    case .checkbox:
      editors[index] = .checkbox(Self.isTrue(value))
    }
    keepFocusVisible()
  }

  /// Whether any value differs from the one the form was loaded with (or had at ``markClean()``).
  public var isDirty: Bool { fields.indices.contains { value(at: $0) != initialValues[$0] } }

  /// Replaces an untouched field's value with one saved elsewhere: it stays clean.
  public mutating func refreshValue(_ value: String, for id: String) {
    guard let index = index(of: id) else { return }
    setValue(value, for: id)
    initialValues[index] = self.value(at: index)
  }

  /// Whether a field's value differs from the one the form was loaded with.
  public func isChanged(_ id: String) -> Bool {
    guard let index = index(of: id) else { return false }
    return value(at: index) != initialValues[index]
  }

  /// Takes the current values as the clean ones (after a save).
  public mutating func markClean() { initialValues = fields.indices.map(value(at:)) }

  // MARK: Validation

  /// The error sentence for a field's current value, whether or not it is shown yet.
  public func error(_ id: String) -> String? { index(of: id).flatMap(error(at:)) }

  func error(at index: Int) -> String? {
    let field = fields[index]
    let value = value(at: index)
    let empty: Bool
    if case .checkbox = field.kind {
      empty = value != "true"
    } else {
      empty = value.allSatisfy(\.isWhitespace)
    }
    if empty { return field.required ? "\(field.label) is required." : nil }
    return field.validate?(value)
  }

  /// The error shown for a field: its error once it has been left or the form validated.
  func shownError(at index: Int) -> String? { touched.contains(index) ? error(at: index) : nil }

  /// Checks every field and shows every error; focuses the first invalid field. True when all are valid.
  public mutating func validateAll() -> Bool {
    touched = Set(fields.indices)
    guard let invalid = fields.indices.first(where: { error(at: $0) != nil }) else {
      keepFocusVisible()
      return true
    }
    focus = invalid
    keepFocusVisible()
    return false
  }

  // MARK: Focus

  /// The id of the focused field.
  public var focusedID: String? { fields.indices.contains(focus) ? fields[focus].id : nil }

  /// Focuses a field by id (the one left counts as touched).
  public mutating func focus(_ id: String) {
    if let index = index(of: id) { _ = moveFocus(to: index) }
  }

  private mutating func moveFocus(to index: Int) -> Outcome {
    guard fields.indices.contains(index), index != focus else { return .handled }
    touched.insert(focus)
    focus = index
    keepFocusVisible()
    return .handled
  }

  /// Tells the form the size of its area (on opening and on every resize).
  public mutating func fit(width newWidth: Int, height newHeight: Int?) {
    width = max(1, newWidth)
    height = newHeight.map { max(1, $0) }
    let valueWidth = Self.columns(fields: fields, width: width).valueWidth
    for index in editors.indices {
      switch editors[index] {
      case .text(var input):
        input.fieldWidth = valueWidth
        editors[index] = .text(input)
      case .multiline(var area):
        area.fit(width: valueWidth, height: area.height)
        editors[index] = .multiline(area)
      case .choice, .checkbox: break
      }
    }
    picker?.fit(width: width, height: height ?? 24)
    keepFocusVisible()
  }

  // MARK: Update

  @discardableResult
  public mutating func handle(_ key: Key) -> Outcome {
    defer { keepFocusVisible() }
    if var open = picker {
      switch open.handle(key) {
      case .chosen(let chosen):
        picker = nil
        guard case .choice(let old) = editors[focus] else { return .handled }
        editors[focus] = .choice(chosen)
        return old == chosen ? .handled : .changed
      case .cancelled, .chosenMany:
        picker = nil
      case .handled:
        picker = open
      }
      return .handled
    }
    guard fields.indices.contains(focus) else { return .ignored }
    switch key {
    case .tab: return moveFocus(to: (focus + 1) % fields.count)
    case .shiftTab: return moveFocus(to: (focus + fields.count - 1) % fields.count)
    default: break
    }
    switch editors[focus] {
    case .text(var input):
      let outcome = input.handle(key)
      editors[focus] = .text(input)
      switch outcome {
      case .changed: return .changed
      case .handled: return .handled
      case .submitted: return next()
      case .cancelled: return .cancelled
      case .ignored: return upOrDown(key)
      }
    case .multiline(var area):
      let outcome = area.handle(key)
      editors[focus] = .multiline(area)
      switch outcome {
      case .changed: return .changed
      case .handled: return .handled
      case .cancelled: return .cancelled
      case .ignored: return .ignored
      }
    case .choice(let chosen):
      switch key {
      case .enter, .space:
        guard case .choice(let choices) = fields[focus].kind else { return .handled }
        var opened = ChoicePicker(title: fields[focus].label, choices: choices, highlighted: chosen)
        opened.fit(width: width, height: height ?? 24)
        picker = opened
        return .handled
      case .escape: return .cancelled
      default: return upOrDown(key)
      }
    case .checkbox(let on):
      switch key {
      case .space:
        editors[focus] = .checkbox(!on)
        return .changed
      case .enter: return next()
      case .escape: return .cancelled
      default: return upOrDown(key)
      }
    }
  }

  /// Enter on a one-line field: the next field, or `.submitted` from the last.
  private mutating func next() -> Outcome {
    focus == fields.count - 1 ? .submitted : moveFocus(to: focus + 1)
  }

  /// ↑/↓ from a one-line field move focus (not round the ends); other keys are not the form's.
  private mutating func upOrDown(_ key: Key) -> Outcome {
    switch key {
    case .up: return moveFocus(to: max(0, focus - 1))
    case .down: return moveFocus(to: min(fields.count - 1, focus + 1))
    default: return .ignored
    }
  }

  // MARK: Layout

  /// Where a field's label ends and its value starts.
  struct Columns: Equatable {
    var labelWidth: Int
    var valueColumn: Int
    var valueWidth: Int
  }

  /// Labels get the widest label's width (with "*"), at most a third of the area (at least 8 columns), then two
  /// columns of gap; values get the rest.
  static func columns(fields: [FormField], width: Int) -> Columns {
    let widest = fields.map { $0.label.displayWidth + ($0.required ? 1 : 0) }.max() ?? 0
    let labelWidth = max(0, min(widest, max(8, width / 3), width - 3))
    let valueColumn = labelWidth + 2
    return Columns(
      labelWidth: labelWidth, valueColumn: valueColumn, valueWidth: max(1, width - valueColumn))
  }

  /// The rows a field takes: its editor's, then a row for its shown error, then (when focused) one for its hint.
  struct Block: Equatable {
    var top: Int
    var editorRows: Int
    var error: String?
    var hint: String?
    var height: Int { editorRows + (error == nil ? 0 : 1) + (hint == nil ? 0 : 1) }
  }

  func blocks() -> [Block] {
    var top = 0
    var blocks: [Block] = []
    for index in fields.indices {
      var rows = 1
      if case .multiline(let area) = editors[index] { rows = area.height }
      let block = Block(
        top: top, editorRows: rows, error: shownError(at: index),
        hint: index == focus ? hint(at: index) : nil)
      blocks.append(block)
      top += block.height
    }
    return blocks
  }

  /// The focused field's hint: the caller's, or how to use a choice or checkbox.
  func hint(at index: Int) -> String? {
    let field = fields[index]
    if let hint = field.hint { return hint(value(at: index)).flatMap { $0.isEmpty ? nil : $0 } }
    switch field.kind {
    case .choice: return "Enter to choose"
    case .checkbox: return "Space to tick or untick"
    case .text, .multiline: return nil
    }
  }

  /// The scroll that keeps the focused field (and the cursor of a multi-line one) in view, as close to
  /// `scroll` as it can be.
  func scrollKeepingFocus(height: Int) -> Int {
    let blocks = blocks()
    guard blocks.indices.contains(focus), height > 0 else { return 0 }
    let block = blocks[focus]
    let contentHeight = blocks.last.map { $0.top + $0.height } ?? 0
    var row = scroll
    func show(_ range: Range<Int>) {
      if range.upperBound > row + height { row = range.upperBound - height }
      if range.lowerBound < row { row = range.lowerBound }
    }
    show(block.top..<block.top + block.height)
    if case .multiline(let area) = editors[focus] {
      let cursorRow = block.top + area.cursorLine - area.scrollRow
      show(cursorRow..<cursorRow + 1)
    }
    return max(0, min(row, contentHeight - height))
  }

  private mutating func keepFocusVisible() {
    if let height { scroll = scrollKeepingFocus(height: height) }
  }

  // MARK: View

  /// Draws the form in an area of the grid, scrolled to keep the focused field in view, and an open picker
  /// centred over the area. Call ``fit(width:height:)`` with the same size first, so that scrolling and
  /// wrapping while typing agree with what is drawn (a different size is drawn right, but less stably).
  public func draw(
    into grid: inout Grid, row: Int, column: Int, width areaWidth: Int, height areaHeight: Int,
    unicode: Bool = true, style: Style = .plain
  ) {
    guard areaWidth > 0, areaHeight > 0 else { return }
    var form = self
    if form.width != areaWidth || form.height != areaHeight {
      form.fit(width: areaWidth, height: areaHeight)
    }
    let blocks = form.blocks()
    let contentHeight = blocks.last.map { $0.top + $0.height } ?? 0
    var content = Grid(width: areaWidth, height: contentHeight)
    for index in fields.indices {
      form.drawField(index, block: blocks[index], into: &content, style: style)
    }
    grid.fill(row: row, column: column, width: areaWidth, height: areaHeight, style: style)
    grid.copy(
      content, rows: form.scroll..<min(contentHeight, form.scroll + areaHeight), toRow: row,
      column: column)
    if let picker = form.picker {
      picker.draw(
        into: &grid, row: row, column: column, width: areaWidth, height: areaHeight,
        unicode: unicode, style: style)
    }
  }

  private func drawField(_ index: Int, block: Block, into grid: inout Grid, style: Style) {
    let field = fields[index]
    let columns = Self.columns(fields: fields, width: width)
    let focused = index == focus && picker == nil
    let labelStyle = index == focus ? style.adding(.bold) : style
    let labelRoom = columns.labelWidth - (field.required ? 1 : 0)
    var x = grid.put(
      field.label, row: block.top, column: 0, style: labelStyle, maxWidth: labelRoom,
      overflow: .ellipsis)
    if field.required { x += grid.put("*", row: block.top, column: x, style: labelStyle) }

    let valueX = columns.valueColumn
    let valueWidth = columns.valueWidth
    switch editors[index] {
    case .text(let input):
      input.draw(
        into: &grid, row: block.top, column: valueX, width: valueWidth,
        style: style.adding(.underline), focused: focused)
    case .multiline(let area):
      area.draw(into: &grid, row: block.top, column: valueX, style: style, focused: focused)
    case .choice(let chosen):
      let valueStyle = focused ? style.adding(.reverse) : style
      guard case .choice(let choices) = field.kind, let chosen else {
        let none = field.placeholder.isEmpty ? "(none)" : field.placeholder
        grid.put(
          none, row: block.top, column: valueX, style: valueStyle.adding(.dim),
          maxWidth: valueWidth, overflow: .ellipsis)
        break
      }
      let choice = choices[chosen]
      let used = grid.put(
        choice.title, row: block.top, column: valueX, style: valueStyle, maxWidth: valueWidth,
        overflow: .ellipsis)
      if let description = choice.description, !description.isEmpty, used + 2 < valueWidth {
        grid.put(
          description, row: block.top, column: valueX + used + 2, style: style.adding(.dim),
          maxWidth: valueWidth - used - 2, overflow: .ellipsis)
      }
    case .checkbox(let on):
      grid.put(
        on ? "[x]" : "[ ]", row: block.top, column: valueX,
        style: focused ? style.adding(.reverse) : style, maxWidth: valueWidth)
    }

    var messageRow = block.top + block.editorRows
    if let error = block.error {
      grid.put(
        error, row: messageRow, column: valueX, style: style.adding(.bold), maxWidth: valueWidth,
        overflow: .ellipsis)
      messageRow += 1
    }
    if let hint = block.hint {
      grid.put(
        hint, row: messageRow, column: valueX, style: style.adding(.dim), maxWidth: valueWidth,
        overflow: .ellipsis)
    }
  }
}
