import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Private files stay private, as `ssh` keeps a private key: a store (and its -wal and -shm) that others can read
/// is made private again when it is the user's own, and refused with the fix when it is someone else's; a folder
/// others can write to (who could swap the file) is tightened likewise. Sticky folders such as /tmp are left as
/// they are: there only a file's owner can replace it.
public enum FilePermissions {
  public struct Loose: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Checks `path` (a file that must be private) and the folder it is in.
  public static func secureFile(_ path: String) throws {
    var st = stat()
    guard stat(path, &st) == 0 else { return }
    if st.st_mode & 0o077 != 0 {
      guard st.st_uid == geteuid() else {
        throw Loose(
          description:
            "\(path) can be read by other people and belongs to another user, so Caseload will not use it. Its owner can make it private with: chmod 600 \(path)"
        )
      }
      chmod(path, 0o600)
    }
    try secureFolder((path as NSString).deletingLastPathComponent)
  }

  /// Checks that no one else can add, remove or replace files in `folder`.
  public static func secureFolder(_ folder: String) throws {
    let folder = folder.isEmpty ? "." : folder
    var st = stat()
    guard stat(folder, &st) == 0 else { return }
    guard st.st_mode & 0o022 != 0, st.st_mode & S_ISVTX == 0 else { return }
    guard st.st_uid == geteuid() else {
      throw Loose(
        description:
          "The folder \(folder) can be written to by other people and belongs to another user, so the files in it could be replaced; Caseload will not use them. Its owner can close it with: chmod go-w \(folder)"
      )
    }
    chmod(folder, st.st_mode & 0o7755)
  }

  /// Whether `path` (a file or folder someone else could have written) is safe to read instructions from: the
  /// user's own or root's, and writable by no one else.
  public static func isTrusted(_ path: String) -> Bool {
    var st = stat()
    guard stat(path, &st) == 0 else { return false }
    return (st.st_uid == geteuid() || st.st_uid == 0) && st.st_mode & 0o022 == 0
  }
}
