import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Puts the terminal back the way it was, whatever ends the program: a normal exit, SIGTERM or SIGHUP (an SSH
/// link dropping), SIGINT sent by another program, or a crash.
///
/// Signals that ask the program to stop only set a flag here; the app loop sees it within one tick and leaves
/// through its normal exit, which restores the screen properly. A crash cannot do that, so the crash handler
/// writes the few bytes that make a terminal usable again and lets the crash continue.
public enum TerminalGuard {
  /// The signal that asked the program to stop, or 0.
  nonisolated(unsafe) private static var stopSignal: Int32 = 0

  /// Bytes that leave the alternate screen, show the cursor, turn off bracketed paste and reset attributes.
  static let restoreBytes: [UInt8] = Array(
    "\u{1B}[?2004l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)

  public static var stopRequested: Int32 { stopSignal }

  public static func install() {
    // A parent may have started us with these blocked; they must get through to stop the app cleanly.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] { sigaddset(&unblock, sig) }
    sigprocmask(SIG_UNBLOCK, &unblock, nil)
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
      signal(sig) { number in TerminalGuard.stopSignal = number }
    }
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      signal(sig) { number in
        TerminalGuard.restoreBytes.withUnsafeBufferPointer {
          _ = write(1, $0.baseAddress, $0.count)
        }
        signal(number, SIG_DFL)
        raise(number)
      }
    }
  }

  /// Undoes `install`, for after the screen has been restored.
  public static func uninstall() {
    for sig in [
      SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE,
    ] {
      signal(sig, SIG_DFL)
    }
  }

  /// Whether both standard input and output are terminals: the screens need one.
  public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }
}
