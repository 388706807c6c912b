extension JSONWriter {
  /// Writes the member `"key":"value"` when `value` is present, nothing when it is `nil`: an
  /// envelope's optional member (`key` already in JSON form, as for ``key(quoted:)``).
  @inline(__always)
  mutating func member(quoted key: StaticString, _ value: String?) {
    guard let value else { return }
    self.key(quoted: key)
    string(value)
  }

  /// Writes the member `"key":value` when `value` is present, nothing when it is `nil`.
  @inline(__always)
  mutating func member(quoted key: StaticString, _ value: Int?) {
    guard let value else { return }
    self.key(quoted: key)
    int(value)
  }

  /// Writes the member `"key":value` when `value` is present, nothing when it is `nil`.
  @inline(__always)
  mutating func member(quoted key: StaticString, _ value: Int64?) {
    guard let value else { return }
    self.key(quoted: key)
    int(value)
  }

  /// Writes the member `"key":value` when `value` is present, nothing when it is `nil`.
  @inline(__always)
  mutating func member(quoted key: StaticString, _ value: UInt64?) {
    guard let value else { return }
    self.key(quoted: key)
    uint(value)
  }

  /// Writes the member `"key":true|false` when `value` is present, nothing when it is `nil`.
  @inline(__always)
  mutating func member(quoted key: StaticString, _ value: Bool?) {
    guard let value else { return }
    self.key(quoted: key)
    bool(value)
  }

  /// Writes the member `"key":"<lowercase hex>"` when `bytes` are present, nothing when they are
  /// `nil` (the handshake's challenge, nonce and proof).
  mutating func member(quoted key: StaticString, hex bytes: [UInt8]?) {
    guard let bytes else { return }
    self.key(quoted: key)
    string(HexText.encode(bytes))
  }
}
