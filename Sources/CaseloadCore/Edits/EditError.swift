/// Why an edit was refused, in a sentence a SENCo can act on.
public struct EditError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
