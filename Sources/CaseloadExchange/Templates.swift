import CaseloadResources
import CaseloadStore
import Foundation
import Mustache
import TerminalUI

/// The Mustache templates the exports are drawn from: the school's copy in
/// `$XDG_CONFIG_HOME/caseload/templates/` (else `~/.config/caseload/templates/`) where there is one, else the one
/// shipped in `Resources/templates/`.
///
/// Values are escaped for what the template makes, from its name: `NAME.html.mustache` for HTML (`<`, `&`, quotes),
/// `NAME.md.mustache` for Markdown (the characters that would make emphasis, links, tables, HTML or headings), any
/// other for plain text. `{{value}}` escapes; `{{{value}}}` does not, and the shipped templates never use it. A
/// template can still choose with `{{% CONTENT_TYPE: HTML }}`, `MARKDOWN` or `TEXT`.
public struct Templates: Sendable {
  public var environment: [String: String]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// A template that cannot be found or read, in words for the person who asked for the export.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The school's template folder: `$XDG_CONFIG_HOME/caseload/templates`, or `~/.config/caseload/templates`.
  public var overrideFolder: String {
    if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
      return xdg + "/caseload/templates"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.config/caseload/templates"
  }

  /// Where the template `name` (`plan.html.mustache`) comes from: the school's copy, else the shipped one.
  public func path(of name: String) throws -> String {
    let own = overrideFolder + "/" + name
    if FileManager.default.fileExists(atPath: own) {
      // A template decides what goes into a document about a child: one that someone else could have written
      // is not used.
      for path in [overrideFolder, own] where !FilePermissions.isTrusted(path) {
        throw Problem(
          description:
            "The template \(own) is not used: \(path) belongs to another user or others can change it. Make it yours and private (chmod go-w), or remove it to use Caseload's own."
        )
      }
      return own
    }
    guard let shipped = CaseloadResources.url("templates/" + name) else {
      throw Problem(
        description:
          "The template \(name) is missing: it is neither in \(overrideFolder) nor among Caseload's own files. Reinstall Caseload or set CASELOAD_RESOURCES."
      )
    }
    return shipped.path
  }

  /// Renders `model` through the template `name`.
  public func render(_ name: String, _ model: Any) throws -> String {
    let path = try path(of: name)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Problem(description: "The template \(path) cannot be read.")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw Problem(description: "The template \(path) is not UTF-8 text.")
    }
    let template: MustacheTemplate
    do {
      template = try MustacheTemplate(string: Self.pragma(for: name) + text)
    } catch {
      throw Problem(description: "The template \(path) has a mistake in it: \(error).")
    }
    return template.render(model)
  }

  /// The content type a template's values are escaped for, set before the template's own text.
  static func pragma(for name: String) -> String {
    ContentTypes.registered
    if name.hasSuffix(".html.mustache") || name.hasSuffix(".htm.mustache") { return "" }
    if name.hasSuffix(".md.mustache") { return "{{% CONTENT_TYPE: MARKDOWN }}\n" }
    return "{{% CONTENT_TYPE: CLEANTEXT }}\n"
  }
}

enum ContentTypes {
  /// Registers the Markdown content type once.
  static let registered: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    MustacheContentTypes.register(CleanTextContentType(), named: "CLEANTEXT")
  }()
}

/// Plain text as written, without the control characters, escape sequences and bidi overrides a terminal or a
/// text viewer would act on.
struct CleanTextContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { Sanitise.text(text, keepingNewlines: true) }
}

/// Escapes values for Markdown: a name or note prints as written, never as emphasis, a link, a table cell
/// border, raw HTML, a heading or a list.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { Markdown.escape(text) }
}

public enum Markdown {
  /// Backslash-escapes what Markdown would read as markup. Line breaks inside the text become hard breaks, so a
  /// note of several lines keeps them, and each line is kept from starting a heading, quote, list or code block.
  public static func escape(_ text: String) -> String {
    let text = Sanitise.text(text, keepingNewlines: true)
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (n, line) in lines.enumerated() {
      if n > 0 { out += lines[n - 1].isEmpty || line.isEmpty ? "\n" : "  \n" }
      var chars = Array(line.drop { $0 == " " || $0 == "\t" })
      // A line that would start a block: a heading, quote, list, rule or setext underline.
      if let first = chars.first, "#>-+=".contains(first) {
        out.append("\\")
      } else if let digits = chars.firstIndex(where: { !$0.isASCII || !$0.isNumber }), digits > 0,
        chars[digits] == "." || chars[digits] == ")"
      {
        out += String(chars[..<digits])
        out.append("\\")
        chars.removeFirst(digits)
      }
      for (i, c) in chars.enumerated() {
        switch c {
        case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
          out.append("\\")
          out.append(c)
        case "&":
          // Only where it could start an entity (`&amp;`, `&#38;`).
          let next = i + 1 < chars.count ? chars[i + 1] : " "
          if next == "#" || (next.isASCII && next.isLetter) { out.append("\\") }
          out.append(c)
        default: out.append(c)
        }
      }
    }
    return out
  }
}
