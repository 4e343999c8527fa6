import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Who made a change: the OS user, the machine, and the SSH client or terminal they came from.
public struct ChangeActor: Hashable, Sendable, CustomStringConvertible {
  public var user: String
  public var host: String
  public var via: String

  public init(user: String, host: String, via: String) {
    self.user = user
    self.host = host
    self.via = via
  }

  /// The person running this process.
  public static func current(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> ChangeActor
  {
    var user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { user = String(cString: name) }
    var buffer = [CChar](repeating: 0, count: 256)
    let host = gethostname(&buffer, 255) == 0 ? String(cString: buffer) : "localhost"
    let via: String
    if let ssh = environment["SSH_CLIENT"]?.split(separator: " ").first {
      via = "ssh from \(ssh)"
    } else if let tty = ttyname(0) {
      via = String(cString: tty)
    } else {
      via = "no terminal"
    }
    return ChangeActor(user: user, host: host, via: via)
  }

  /// `alice@office-pc (ssh from 10.0.0.5)`
  public var description: String { "\(user)@\(host) (\(via))" }
}
