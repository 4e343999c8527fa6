import Foundation
import Testing

@testable import TerminalUI

/// "dd/mm/yyyy" as a Gregorian date, or nil.
private func parseDay(_ text: String) -> Date? {
  let parts = text.split(separator: "/").compactMap { Int($0) }
  guard parts.count == 3 else { return nil }
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC")!
  let components = DateComponents(year: parts[2], month: parts[1], day: parts[0])
  guard components.isValidDate(in: calendar) else { return nil }
  return calendar.date(from: components)
}

private func weekday(_ text: String) -> String? {
  guard let date = parseDay(text) else { return nil }
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC")!
  let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
  return names[calendar.component(.weekday, from: date) - 1]
}

private let needChoices: [ChoicePicker.Choice] = [
  .init("C&I", description: "Communication and interaction"),
  .init("SEMH", description: "Social, emotional and mental health"),
]

private func makeForm(surname: String = "") -> Form {
  Form(fields: [
    FormField(id: "surname", label: "Surname", value: surname, required: true),
    FormField(id: "need", label: "Need", kind: .choice(needChoices)),
    FormField(
      id: "review", label: "Review date", placeholder: "dd/mm/yyyy",
      hint: { weekday($0) ?? "31/12/2025" },
      validate: { parseDay($0) == nil ? "Not a date: use dd/mm/yyyy." : nil }),
    FormField(id: "notes", label: "Notes", kind: .multiline(rows: 2)),
    FormField(id: "consent", label: "Consent", kind: .checkbox),
  ])
}

private func drawn(_ form: Form, width: Int = 40, height: Int = 10) -> Grid {
  var grid = Grid(width: width, height: height)
  form.draw(into: &grid, row: 0, column: 0, width: width, height: height)
  return grid
}

private func type(_ text: String, into form: inout Form) {
  for character in text { _ = form.handle(.char(character)) }
}

@Suite("Form")
struct FormTests {
  @Test(
    "Tab and Shift-Tab go round the fields; ↑/↓ move from one-line fields but not a multi-line one")
  func focusOrder() {
    var form = makeForm()
    #expect(form.focusedID == "surname")
    var order: [String] = []
    for _ in 0..<5 {
      #expect(form.handle(.tab) == .handled)
      order.append(form.focusedID ?? "")
    }
    #expect(order == ["need", "review", "notes", "consent", "surname"])
    form.handle(.shiftTab)
    #expect(form.focusedID == "consent")
    form.handle(.shiftTab)
    #expect(form.focusedID == "notes")
    form.handle(.down)
    #expect(form.focusedID == "notes")  // ↓ moves the cursor in the notes
    form.handle(.shiftTab)
    form.handle(.up)
    #expect(form.focusedID == "need")
    form.handle(.up)
    form.handle(.up)
    #expect(form.focusedID == "surname")  // not round the top
    form.handle(.down)
    #expect(form.focusedID == "need")
    // Enter on a one-line field goes on; on the last one it submits.
    form.focus("review")
    #expect(form.handle(.enter) == .handled)
    #expect(form.focusedID == "notes")
    #expect(form.handle(.enter) == .changed)  // a line break in the notes
    #expect(form.value("notes") == "\n")
    form.handle(.tab)
    #expect(form.handle(.enter) == .submitted)
    #expect(form.handle(.escape) == .cancelled)
    #expect(form.handle(.ctrl("s")) == .ignored)
  }

  @Test(
    "labels line up with * on required fields; an empty required field fails validateAll with its message"
  )
  func required() {
    var form = makeForm()
    form.fit(width: 40, height: 10)
    var lines = drawn(form).lines()
    #expect(lines[0] == "Surname*")
    #expect(lines[1] == "Need         (none)")
    #expect(!lines.joined().contains("required"))

    form.handle(.tab)  // leaving the surname shows its error
    lines = drawn(form).lines()
    #expect(lines[1] == "             Surname is required.")
    #expect(lines[2] == "Need         (none)")

    form.focus("consent")
    var valid = form.validateAll()
    #expect(!valid)
    #expect(form.focusedID == "surname")
    let grid = drawn(form)
    #expect(grid.lines()[1] == "             Surname is required.")
    #expect(grid[row: 1, column: 13].style.isBold)

    type("Example", into: &form)
    #expect(form.error("surname") == nil)
    #expect(!drawn(form).description.contains("required"))
    valid = form.validateAll()
    #expect(valid)

    form.focus("review")
    type("31/02/2026", into: &form)
    valid = form.validateAll()
    #expect(!valid)
    #expect(form.focusedID == "review")
    #expect(drawn(form).description.contains("Not a date: use dd/mm/yyyy."))
  }

  @Test("the focused field's hint is drawn dim under it, from its current value")
  func hint() {
    var form = makeForm(surname: "Example")
    form.fit(width: 40, height: 10)
    #expect(!drawn(form).description.contains("31/12/2025"))
    form.focus("review")
    var grid = drawn(form)
    #expect(grid.lines()[3] == "             31/12/2025")
    #expect(grid[row: 3, column: 13].style.isDim)
    type("30/12/2025", into: &form)
    grid = drawn(form)
    #expect(grid.lines()[2] == "Review date  30/12/2025")
    #expect(grid.lines()[3] == "             Tuesday")
    form.handle(.tab)
    #expect(!drawn(form).description.contains("Tuesday"))
    // A choice explains itself.
    form.focus("need")
    #expect(drawn(form).lines()[2] == "             Enter to choose")
  }

  @Test("a choice opens a picker on Enter; picking sets its title as the value")
  func choice() {
    var form = makeForm(surname: "Example")
    form.fit(width: 50, height: 12)
    form.focus("need")
    #expect(form.handle(.enter) == .handled)
    #expect(form.picker != nil)
    #expect(drawn(form, width: 50, height: 12).description.contains("┌─ Need"))
    type("semh", into: &form)
    #expect(form.picker?.matchingTitles == ["SEMH"])
    #expect(form.handle(.enter) == .changed)
    #expect(form.picker == nil)
    #expect(form.value("need") == "SEMH")
    #expect(form.choiceIndex("need") == 1)
    #expect(
      drawn(form, width: 50, height: 12).lines()[1]
        == "Need         SEMH  Social, emotional and mental h…")
    form.handle(.space)
    #expect(form.handle(.escape) == .handled)  // closes the picker only
    #expect(form.picker == nil)
    #expect(form.value("need") == "SEMH")
  }

  @Test("isDirty follows the values against those loaded; markClean takes the current ones")
  func dirty() {
    var form = makeForm(surname: "Example")
    #expect(!form.isDirty)
    form.handle(.char("s"))
    #expect(form.isDirty)
    form.handle(.backspace)
    #expect(!form.isDirty)
    form.focus("consent")
    #expect(form.handle(.space) == .changed)
    #expect(form.isChecked("consent"))
    #expect(form.value("consent") == "true")
    #expect(form.isDirty)
    form.markClean()
    #expect(!form.isDirty)
    form.setValue("Line one\r\nLine two", for: "notes")
    #expect(form.value("notes") == "Line one\nLine two")
    #expect(form.isDirty)
    #expect(
      form.values == [
        "surname": "Example", "need": "", "review": "", "notes": "Line one\nLine two",
        "consent": "true",
      ])
  }

  @Test("a form taller than its area scrolls to keep the focused field in view")
  func scrolls() {
    var form = makeForm(surname: "Example")
    form.setValue("First line\nSecond line", for: "notes")
    form.fit(width: 40, height: 3)
    #expect(
      drawn(form, height: 3).lines() == [
        "Surname*     Example", "Need         (none)", "Review date  dd/mm/yyyy",
      ])
    form.focus("consent")
    #expect(
      drawn(form, height: 3).lines() == [
        "             Second line", "Consent      [ ]", "             Space to tick or untick",
      ])
    form.focus("surname")
    #expect(drawn(form, height: 3).lines()[0] == "Surname*     Example")
  }
}
