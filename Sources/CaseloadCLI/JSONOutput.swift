import CaseloadExchange
import CaseloadTUI
import Foundation

/// JSON for scripts: sorted keys, dates as YYYY-MM-DD.
enum JSON {
  static func print<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = JSONText.neutralised(try encoder.encode(value))
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
  }
}

/// Phase timings on stderr when `CASELOAD_TRACE` is set: for finding where a slow command spends its time.
struct PhaseClock {
  private let enabled = ProcessInfo.processInfo.environment["CASELOAD_TRACE"] != nil
  private var last = DispatchTime.now().uptimeNanoseconds

  mutating func mark(_ phase: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    FileHandle.standardError.write(
      Data(String(format: "%@ %.2f ms\n", phase, Double(now - last) / 1e6).utf8))
    last = now
  }
}
