import CaseloadCore
import Foundation

/// The JSON form of aggregates: sorted keys, so the same record always has the same bytes.
enum Documents {
  static func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }

  static func decode<T: Decodable>(_ type: T.Type, from data: Data, id: String) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch {
      throw StoreError(
        .damaged,
        "The record \(id) in the store cannot be read (\(error)); the store may be damaged.")
    }
  }
}

/// What kind of aggregate a row holds.
public enum AggregateKind: String, Sendable {
  case pupil, settings
}

/// UTC timestamps for the history, written without a formatter: `2026-11-29T18:30:12Z`.
public enum Timestamp {
  static func string(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&t, &parts)
    func p(_ n: Int32, _ w: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(p(parts.tm_year + 1900, 4))-\(p(parts.tm_mon + 1, 2))-\(p(parts.tm_mday, 2))T"
      + "\(p(parts.tm_hour, 2)):\(p(parts.tm_min, 2)):\(p(parts.tm_sec, 2))Z"
  }

  static func date(_ s: String) -> Date? {
    let f = s.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
    guard f.count == 6, let day = Day(year: f[0], month: f[1], day: f[2]) else { return nil }
    return Date(
      timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + f[3] * 3_600 + f[4] * 60 + f[5]))
  }

  /// `29/11/2026 18:30` in the machine's local time, for people.
  public static func local(_ s: String) -> String {
    guard let d = date(s) else { return s }
    var t = time_t(d.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&t, &parts)
    func p(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return
      "\(p(parts.tm_mday))/\(p(parts.tm_mon + 1))/\(parts.tm_year + 1900) \(p(parts.tm_hour)):\(p(parts.tm_min))"
  }
}
