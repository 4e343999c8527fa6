import CaseloadCore
import Foundation
import GRDB

/// Why the store could not do what was asked, in words for the person at the keyboard.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case notFound, notAStore, newerVersion, unreadable, locked, damaged, conflict, rejected,
      nothingToUndo,
      undoRefused, io
  }
  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }

  /// Turns SQLite's errors into sentences; the path names the file the person chose.
  static func from(_ error: any Error, path: String) -> any Error {
    if error is StoreError || error is EditError || error is MergeConflict { return error }
    if error is RowDecodingError {
      return StoreError(
        .damaged,
        "The store \(path) is damaged (a value in it is not of the kind Caseload wrote). It was left untouched; run `caseload check`, or restore it from a backup."
      )
    }
    guard let db = error as? DatabaseError else { return StoreError(.io, "\(path): \(error)") }
    switch db.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return StoreError(
        .locked,
        "The store \(path) is locked by another program and stayed locked past the wait; try again, or close the other program."
      )
    case .SQLITE_NOTADB:
      return StoreError(
        .notAStore, "\(path) is not a Caseload store (it is not a database). It was left untouched."
      )
    case .SQLITE_CORRUPT:
      return StoreError(
        .damaged,
        "The store \(path) is damaged (\(db.message ?? "corrupt")). It was left untouched; restore it from a backup."
      )
    case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
      return StoreError(
        .unreadable, "Caseload cannot write to \(path): \(db.message ?? "permission denied").")
    case .SQLITE_CANTOPEN:
      return StoreError(
        .unreadable, "Caseload cannot open \(path): check that the folder exists and is yours.")
    case .SQLITE_FULL:
      return StoreError(.io, "The disk holding \(path) is full; nothing was saved.")
    default:
      return StoreError(
        .io, "The store \(path) could not be used: \(db.message ?? "\(db.resultCode)").")
    }
  }
}
