extension JSONWriter {
  /// Writes the member `"key":value` when `value` is present, nothing when it is `nil`: an
  /// envelope's optional member (`key` already in JSON form, as for ``key(quoted:)``).
  @inline(__always)
  mutating func member(quoted key: StaticString, _ value: (some EnvelopeMemberValue)?) {
    guard let value else { return }
    self.key(quoted: key)
    value.writeEnvelopeMember(to: &self)
  }

  /// Writes the member `"key":"<lowercase hex>"` when `bytes` are present, nothing when they are
  /// `nil` (the handshake's challenge, nonce and proof).
  mutating func member(quoted key: StaticString, hex bytes: [UInt8]?) {
    guard let bytes else { return }
    self.key(quoted: key)
    string(HexText.encode(bytes))
  }
}

/// A scalar an envelope member holds (`"id":7`, `"service":"OrderService"`, `"ok":true`).
protocol EnvelopeMemberValue {
  /// Writes the value as JSON.
  func writeEnvelopeMember(to writer: inout JSONWriter)
}

extension String: EnvelopeMemberValue {
  @inline(__always) func writeEnvelopeMember(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: EnvelopeMemberValue {
  @inline(__always) func writeEnvelopeMember(to writer: inout JSONWriter) { writer.int(self) }
}

extension Int64: EnvelopeMemberValue {
  @inline(__always) func writeEnvelopeMember(to writer: inout JSONWriter) { writer.int(self) }
}

extension UInt64: EnvelopeMemberValue {
  @inline(__always) func writeEnvelopeMember(to writer: inout JSONWriter) { writer.uint(self) }
}

extension Bool: EnvelopeMemberValue {
  @inline(__always) func writeEnvelopeMember(to writer: inout JSONWriter) { writer.bool(self) }
}
