import Foundation

/// The one email rule, for a contact's address and the local authority's SEND team: the form checks it as it is
/// typed, and the edit refuses what it refuses.
public enum EmailAddress {
  /// Why `text` is not an email address, or nil: one `@`, something before it, a domain with a dot after it, no
  /// spaces.
  public static func problem(_ text: String) -> String? {
    let e = text.trimmingCharacters(in: .whitespaces)
    let parts = e.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !e.contains(where: \.isWhitespace),
      parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
    else {
      return "\(e) is not an email address (name@example.org)."
    }
    return nil
  }
}
