extension ParleyError {
  /// Writes the error as the wire's JSON error object (the `error` member of a failed `reply`):
  /// `{"code":…,"message":…,"mayHaveRun":…}` plus `app`, `name`, `payload` for `APPLICATION` and
  /// `violations` for `VALIDATION_FAILED`.
  ///
  /// ```swift
  /// var writer = JSONWriter()
  /// error.writeJSON(to: &writer)
  /// print(String(decoding: writer.bytes, as: UTF8.self))
  /// ```
  public func writeJSON(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("code")
    writer.string(code.rawValue)
    writer.key("message")
    writer.string(message)
    writer.key("mayHaveRun")
    writer.bool(mayHaveRun)
    if let application {
      writer.key("app")
      writer.int(application.code)
      writer.key("name")
      writer.string(application.name)
      if !application.payload.isEmpty {
        writer.key("payload")
        writer.rawValue(application.payload)
      }
    }
    if !violations.isEmpty {
      writer.key("violations")
      writer.beginArray()
      for violation in violations {
        writer.beginObject()
        writer.key("path")
        writer.string(violation.path)
        writer.key("message")
        writer.string(violation.message)
        writer.endObject()
      }
      writer.endArray()
    }
    writer.endObject()
  }
}
