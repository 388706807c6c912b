/// Defaults of server streams (`stream` methods); see the Streams section of `docs/runtime.md`.
public enum StreamDefaults {
  /// The caller's initial credit window when ``CallOptions/streamCredit`` is not set: the most
  /// items the server may send ahead of the consumer. The caller grants more as it consumes.
  public static let initialCredit = 32
  /// The initial credit a server assumes when a stream-opening `call` carries no `credit`.
  public static let serverAssumedCredit: UInt64 = 16
  /// Streams running at once per connection; more are refused with `OVERLOADED` (did not run).
  public static let maxConcurrentStreamsPerConnection = 128
}
