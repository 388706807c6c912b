import Synchronization

/// The socket descriptors the runtime currently holds open (connections and listeners), with
/// the endpoint each belongs to: what tests use to check that nothing leaks, precisely and
/// independently of other tests running in the same process.
///
/// ```swift
/// await fixture.stop()
/// #expect(OpenSockets.descriptors(matching: fixture.directory).isEmpty)
/// ```
public enum OpenSockets {
  private static let table = Mutex<[Int32: String]>([:])

  /// Every open socket descriptor of the runtime and its endpoint description.
  public static func all() -> [Int32: String] { table.withLock { $0 } }

  /// The open descriptors whose endpoint description contains `text` (e.g. a socket path or
  /// `:port`).
  public static func descriptors(matching text: String) -> [Int32] {
    table.withLock { table in table.filter { $0.value.contains(text) }.map(\.key).sorted() }
  }

  static func opened(_ fd: Int32, _ endpoint: String) { table.withLock { $0[fd] = endpoint } }
  static func closed(_ fd: Int32) { _ = table.withLock { $0.removeValue(forKey: fd) } }
}
