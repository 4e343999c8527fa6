import Foundation

/// Why what was typed in an amount field is not an amount, in a sentence a teacher understands.
public struct MoneyEntryError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Reads what a SENCo types in an amount field (an hourly rate, a cost).
///
/// Accepted: pounds with or without `£` and pence (`£12.50`, `12.5`, `12`, `£ 12.50`), thousands separated by
/// commas in groups of three (`1,200`, `£1,234.56`), and whole pence with `p` (`12p`, `150p` = £1.50).
/// Refused, with the reason: negative amounts; more than two digits of pence (`£12.345`); a decimal comma
/// (`12,50`, which `Money(typed:)` would read as £1,250); pence with a fraction (`12.5p`) or with `£` (`£12p`);
/// amounts of £10,000,000 or more; anything else.
public enum MoneyEntry {
  /// The largest amount Caseload holds, as `Money(typed:)` does.
  public static let largest = Money(pence: 999_999_999)

  public static func parse(_ text: String) -> Result<Money, MoneyEntryError> {
    let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !typed.isEmpty else {
      return .failure(MoneyEntryError("No amount was typed. Type one, for example £12.50."))
    }
    let unreadable = MoneyEntryError(
      "Could not read “\(typed)” as an amount of money, e.g. £12.50.")
    var body = Substring(typed)
    let minus: Set<Character> = ["-", "−", "–"]
    if let first = body.first, minus.contains(first) {
      return .failure(MoneyEntryError("Amounts cannot be negative."))
    }
    let pounds = body.first == "£"
    if pounds {
      body = body.dropFirst().drop(while: \.isWhitespace)
      if let first = body.first, minus.contains(first) {
        return .failure(MoneyEntryError("Amounts cannot be negative."))
      }
    }
    let pence = body.last == "p" || body.last == "P"
    if pence {
      body = body.dropLast()
      if body.last?.isWhitespace == true { body = body.dropLast() }
    }
    guard let first = body.first, first.isASCII, first.isNumber else { return .failure(unreadable) }

    let halves = body.split(separator: ".", omittingEmptySubsequences: false)
    guard halves.count <= 2 else { return .failure(unreadable) }
    let whole = halves[0]
    let fraction = halves.count == 2 ? halves[1] : nil
    guard let fraction else {
      guard let n = number(whole, typed: typed) else { return .failure(unreadable) }
      switch n {
      case .failure(let error): return .failure(error)
      case .success(let n):
        if pence {
          if pounds {
            return .failure(
              MoneyEntryError("\(typed): write pounds as £12.50 or pence as 12p, not both."))
          }
          return bounded(n, typed: typed)
        }
        return n > largest.pence / 100 ? .failure(tooLarge(typed)) : .success(Money(pence: n * 100))
      }
    }
    if pence {
      return .failure(MoneyEntryError("\(typed): pence are whole, for example 12p or £0.12."))
    }
    guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
      let n = number(whole, typed: typed)
    else { return .failure(unreadable) }
    guard fraction.count <= 2 else {
      return .failure(MoneyEntryError("\(typed): pence have at most two digits."))
    }
    switch n {
    case .failure(let error): return .failure(error)
    case .success(let n):
      guard n <= largest.pence / 100 else { return .failure(tooLarge(typed)) }
      let p = Int(fraction)! * (fraction.count == 1 ? 10 : 1)
      return .success(Money(pence: n * 100 + p))
    }
  }

  /// Digits with commas between groups of three; nil when unreadable.
  static func number(_ text: Substring, typed: String) -> Result<Int, MoneyEntryError>? {
    let groups = text.split(separator: ",", omittingEmptySubsequences: false)
    guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
      return nil
    }
    if groups.count > 1 {
      // `12,50` is a decimal comma, not twelve hundred and fifty.
      if groups.count == 2, groups[1].count == 2, !typed.contains(".") {
        return .failure(
          MoneyEntryError("\(typed): use a full stop before the pence, for example £12.50."))
      }
      guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
        return nil
      }
    }
    let digits = groups.joined().drop(while: { $0 == "0" })
    guard digits.count <= 10 else { return .failure(tooLarge(typed)) }
    return .success(Int(digits) ?? 0)
  }

  static func bounded(_ pence: Int, typed: String) -> Result<Money, MoneyEntryError> {
    pence > largest.pence ? .failure(tooLarge(typed)) : .success(Money(pence: pence))
  }

  static func tooLarge(_ typed: String) -> MoneyEntryError {
    MoneyEntryError("\(typed) is too large: Caseload holds amounts up to \(largest).")
  }
}
