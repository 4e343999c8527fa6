import CaseloadCore
import Foundation
import Testing

@testable import CaseloadExchange

/// A school's own templates in `$XDG_CONFIG_HOME/caseload/templates/` are used in place of the shipped ones.
@Suite struct ExportTemplateTests {
  @Test func aTemplateInTheConfigFolderIsUsed() throws {
    let folder = TemporaryFolder()
    try folder.write(
      "Our plan for {{pupil.name}} ({{pupil.dateOfBirth}}){{#plan}}: {{#outcomes}}[{{number}}] {{text}} {{/outcomes}}{{/plan}}\n",
      to: "caseload/templates/plan.md.mustache")
    let templates = Templates(environment: ["XDG_CONFIG_HOME": folder.path])
    #expect(
      try templates.path(of: "plan.md.mustache")
        == folder.file("caseload/templates/plan.md.mustache"))
    let md = try Export.plan(
      try amira(), settings: school, today: today, format: .md, templates: templates)
    #expect(
      md
        == "Our plan for Amira Shah (01/05/2017): [1] Amira will use 10 new topic words. [2] Amira will join a small-group game at playtime. \n"
    )
    // Only the file the school changed: the others are still the shipped ones.
    let html = try Export.plan(
      try amira(), settings: school, today: today, format: .html, templates: templates)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(
      try templates.path(of: "evidence.md.mustache").hasSuffix("templates/evidence.md.mustache"))
    #expect(!(try templates.path(of: "evidence.md.mustache")).hasPrefix(folder.path))
  }

  @Test func withoutXDGConfigHomeTheFolderIsUnderHome() throws {
    let folder = TemporaryFolder()
    try folder.write(
      "Home copy: {{pupil.name}}\n", to: ".config/caseload/templates/plan.html.mustache")
    let templates = Templates(environment: ["HOME": folder.path])
    #expect(templates.overrideFolder == folder.path + "/.config/caseload/templates")
    let html = try Export.plan(
      try amira(), settings: school, today: today, format: .html, templates: templates)
    #expect(html == "Home copy: Amira Shah\n")
  }

  /// An overriding template is escaped for its kind of file all the same.
  @Test func aSchoolsTemplateIsEscapedByItsName() throws {
    let folder = TemporaryFolder()
    try folder.write("{{pupil.name}}", to: "caseload/templates/plan.md.mustache")
    try folder.write("{{pupil.name}}", to: "caseload/templates/plan.html.mustache")
    let templates = Templates(environment: ["XDG_CONFIG_HOME": folder.path])
    var b = PupilBuilder(pupil: try amira())
    try b.apply(.setNames(legal: PersonName(given: "Ann", family: "<O'Neil> *"), preferred: nil))
    let p = try #require(b.pupil)
    #expect(
      try Export.plan(p, settings: school, today: today, format: .md, templates: templates)
        == "Ann \\<O'Neil\\> \\*")
    #expect(
      try Export.plan(p, settings: school, today: today, format: .html, templates: templates)
        == "Ann &lt;O&#39;Neil&gt; *")
  }

  @Test func aBrokenTemplateIsReportedByItsPath() throws {
    let folder = TemporaryFolder()
    try folder.write("{{#plan}} never closed", to: "caseload/templates/plan.md.mustache")
    let templates = Templates(environment: ["XDG_CONFIG_HOME": folder.path])
    do {
      _ = try Export.plan(
        try amira(), settings: school, today: today, format: .md, templates: templates)
      Issue.record("a broken template was used")
    } catch let problem as Templates.Problem {
      #expect(problem.description.contains(folder.file("caseload/templates/plan.md.mustache")))
      #expect(problem.description.contains("has a mistake in it"))
    }
  }
}
