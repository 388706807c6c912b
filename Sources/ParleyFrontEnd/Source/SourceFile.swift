/// The bytes of one contract file, the output of the *read* stage.
public struct SourceFile: Sendable, Hashable {
  /// The normalized path used to identify the file and resolve its imports, shown in diagnostics.
  public var path: String
  /// The raw bytes of the file (expected to be UTF-8; invalid bytes are reported by the lexer).
  public var bytes: [UInt8]

  /// Creates a source file from raw bytes.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  /// Creates a source file from text, e.g. in tests.
  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }
}
