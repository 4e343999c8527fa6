import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Edits text in the user's own editor (`$VISUAL`, else `$EDITOR`, else `vi`): for long notes, where a
/// favourite editor with its spell checker beats any text area.
///
/// The text goes to a temporary file only the user can read (mode 0600, in `$TMPDIR` or `/tmp`), the editor
/// runs on it through `/bin/sh -c '<editor> "$1"' sh <file>` (so an editor with arguments, "code --wait", works,
/// and the file name is never parsed by the shell), the file is read back and removed. The process is started
/// with `posix_spawn` and waited for with `waitpid`, on the calling thread. While the editor runs, SIGINT and
/// SIGQUIT are ignored here (as `system(3)` does) so a Ctrl-C meant for the editor does not stop the app; the
/// editor gets them with their default actions.
///
/// This knows nothing of the screen: ``NcursesScreen/runOutside(_:)`` gives the editor the terminal.
public enum ExternalEditor {
  /// The editor command from an environment: `VISUAL`, then `EDITOR` (ignoring empty ones), then "vi".
  public static func command(environment: [String: String]) -> String {
    for name in ["VISUAL", "EDITOR"] {
      if let value = environment[name], !value.allSatisfy(\.isWhitespace) { return value }
    }
    return "vi"
  }

  /// Runs the editor on `text` and returns the edited text, or nil when the editor could not start, failed
  /// (exited with a status other than 0, or was killed) or the file could not be written or read.
  ///
  /// The file ends with a line break, as editors expect; when `text` did not end with one, one line break at
  /// the end of the result is dropped, so an unchanged note comes back unchanged. The result is what the
  /// editor wrote, not sanitised: the caller sanitises (``TextArea/setText(_:)`` does).
  ///
  /// - Parameter environment: where the editor and `TMPDIR` are read from (the process's environment by
  ///   default; tests pass their own). The editor itself runs with the process's environment.
  public static func edit(
    _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    // A private folder (0700) of its own: editors that leave backups or swap files beside the file (file~,
    // .file.swp) leave them there, and the whole folder goes afterwards.
    var template = Array(
      ((base.hasSuffix("/") ? String(base.dropLast()) : base) + "/caseload-edit-XXXXXX").utf8CString
    )
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      return nil
    }
    let directory = String(cString: made)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    guard let path = writeTemporaryFile(text.hasSuffix("\n") ? text : text + "\n", in: directory)
    else { return nil }
    guard run(editor: command(environment: environment), on: path),
      let data = FileManager.default.contents(atPath: path)
    else { return nil }
    var edited = String(decoding: data, as: UTF8.self)
    if !text.hasSuffix("\n") && edited.hasSuffix("\n") { edited.removeLast() }
    return edited
  }

  /// Creates a new file readable only by the user (mkstemps makes it 0600) with `text` in it; its path.
  static func writeTemporaryFile(_ text: String, in directory: String) -> String? {
    let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var template = Array((trimmed + "/caseload-edit-XXXXXX.txt").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
    guard fd >= 0 else { return nil }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    fchmod(fd, 0o600)
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else {
        close(fd)
        unlink(path)
        return nil
      }
      written += result
    }
    close(fd)
    return path
  }

  /// Runs `/bin/sh -c '<editor> "$1"' sh <path>` and waits for it; true when it exited with status 0.
  static func run(editor: String, on path: String) -> Bool {
    let arguments = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    argv.append(nil)
    defer { for pointer in argv { free(pointer) } }

    // Like system(3): the app ignores the terminal's interrupt and quit while the editor has them.
    var ignore = sigaction()
    ignore.__sigaction_handler.sa_handler = SIG_IGN
    sigemptyset(&ignore.sa_mask)
    var oldInterrupt = sigaction()
    var oldQuit = sigaction()
    sigaction(SIGINT, &ignore, &oldInterrupt)
    sigaction(SIGQUIT, &ignore, &oldQuit)
    defer {
      sigaction(SIGINT, &oldInterrupt, nil)
      sigaction(SIGQUIT, &oldQuit, nil)
    }

    // The editor starts with default signal actions and nothing blocked, whatever the app has.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGPIPE] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var pid = pid_t()
    guard posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ) == 0 else { return false }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return false }
    }
    // Exited normally (no terminating signal) with status 0.
    return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
  }
}
