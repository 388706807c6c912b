extension ParleyError {
  /// The members of an error object as an envelope codec reads them off the wire, in any order;
  /// ``error`` turns them into a ``ParleyError``. One place for both codecs' rules.
  struct WireFields {
    var codeName: String?
    var message = ""
    var mayHaveRun: Bool?
    var app: Int64?
    var name: String?
    var payload: [UInt8] = []
    var violations: [Violation] = []

    /// The error: an unknown code becomes `INTERNAL` with the peer's code named in the message;
    /// `APPLICATION` carries the contract error's code, name and payload.
    var error: ParleyError {
      var code = Code.internal
      var message = message
      if let codeName {
        if let known = Code(rawValue: codeName) {
          code = known
        } else {
          message = "peer reported unknown error code \(codeName): \(message)"
        }
      }
      var error = ParleyError(code, message, mayHaveRun: mayHaveRun, violations: violations)
      if code == .application {
        error.application = Application(code: app ?? 0, name: name ?? "", payload: payload)
      }
      return error
    }
  }
}
