import CaseloadCore
import Foundation
import TerminalUI

/// The agenda as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar import: one all-day
/// event per item. Each event's UID comes from the item's key, so importing a newer file updates the events
/// rather than adding them twice. Calendars are shared, so an event names the pupil by initials and year group
/// and says only what kind of item it is, unless `names` asks for the full names and the words entered.
public enum CalendarExport {
  public static func ics(_ items: [AgendaItem], names: Bool, today: Day, stamp: Date) -> Data {
    var out = ICSWriter()
    out.line("BEGIN:VCALENDAR")
    out.line("VERSION:2.0")
    out.line("PRODID:-//Caseload//Agenda//EN")
    out.line("CALSCALE:GREGORIAN")
    out.line("METHOD:PUBLISH")
    out.property("X-WR-CALNAME", text: "Caseload agenda")
    let dtstamp = Self.utc(stamp)
    for item in items {
      let who = names ? item.pupil.name : initials(item.pupil.name)
      let what = names ? item.title : item.kind.title
      out.line("BEGIN:VEVENT")
      out.line("UID:\(uid(item.key))@caseload")
      out.line("DTSTAMP:\(dtstamp)")
      out.line("DTSTART;VALUE=DATE:\(basic(item.due))")
      out.line("DTEND;VALUE=DATE:\(basic(item.due.adding(days: 1)))")
      out.property("SUMMARY", text: "\(who) (\(item.pupil.year)): \(what)")
      var description = ["On \(today.british): \(item.state)"]
      if names {
        if !item.detail.isEmpty { description.append(item.detail) }
        if let owner = item.owner { description.append("Who: \(owner)") }
      }
      out.property("DESCRIPTION", text: description.joined(separator: "\n"))
      out.property("CATEGORIES", text: item.kind.rawValue)
      out.line("TRANSP:TRANSPARENT")
      out.line("END:VEVENT")
    }
    out.line("END:VCALENDAR")
    return Data(out.bytes)
  }

  /// "Oisín O'Brien" → "O.O."
  static func initials(_ name: String) -> String {
    name.split(whereSeparator: { $0 == " " || $0 == "-" }).compactMap(\.first).map { "\($0)." }
      .joined()
  }

  /// A stable identifier for the item's key that does not carry its words into the file.
  static func uid(_ key: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in key.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    let pupil = key.split(separator: "/").first.map(String.init) ?? ""
    return "\(String(repeating: "0", count: 16 - hex.count))\(hex)-\(pupil)"
  }

  static func basic(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

  static func utc(_ date: Date) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return f.string(from: date)
  }
}

/// Content lines as RFC 5545 wants them: CRLF endings, TEXT values escaped, lines folded at 75 octets
/// without splitting a character.
struct ICSWriter {
  var bytes: [UInt8] = []

  mutating func property(_ name: String, text: String) {
    var escaped = ""
    for c in Sanitise.text(text, keepingNewlines: true) {
      switch c {
      case "\\": escaped += "\\\\"
      case ";": escaped += "\\;"
      case ",": escaped += "\\,"
      case "\n", "\r\n": escaped += "\\n"
      default: escaped.append(c)
      }
    }
    line("\(name):\(escaped)")
  }

  mutating func line(_ text: String) {
    var count = 0
    for scalar in text.unicodeScalars {
      let encoded = Array(String(scalar).utf8)
      if count + encoded.count > 75 {
        bytes += [13, 10, 32]
        count = 1
      }
      bytes += encoded
      count += encoded.count
    }
    bytes += [13, 10]
  }
}
