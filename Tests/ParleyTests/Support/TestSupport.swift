import Parley
import Testing

/// RuntimeRandom: a small seeded PRNG so fuzz tests are reproducible.
struct RuntimeRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func utf8Bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
func utf8Text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// A service `test.echo` v1 `Echo` with methods used across tests. It reads every payload codec
/// (`echo` hands the bytes back whatever they are; the others send JSON).
func echoService(version: Int = 1) -> ServiceRegistration {
  var service = ServiceRegistration(
    contract: "test.echo", version: version, service: "Echo", payloadCodecs: Set(WireCodec.allCases))
  service.method("echo") { call in call.payload }
  service.method("fail") { _ in
    throw ParleyError.application(
      code: 404, name: "NotFound", message: "nothing here", payload: utf8Bytes(#"{"key":"k1"}"#))
  }
  service.method("crash") { _ in
    struct Secret: Error {}
    throw Secret()
  }
  service.method("sleep") { call in
    try await Task.sleep(for: .seconds(30))
    return call.payload
  }
  service.method("context") { call in
    utf8Bytes(
      #"{"root":"\#(call.context.root)","depth":\#(call.context.depth),"chain":"\#(call.context.chain.joined(separator: ","))"}"#
    )
  }
  return service
}

extension ClientConnection {
  /// Calls `test.echo` v1 `Echo.<method>`.
  func echo(_ payload: String) async throws -> String { try await echo("echo", payload) }

  /// Calls `test.echo` v1 `Echo.<method>` with call options.
  func echo(_ method: String, _ payload: String, options: CallOptions) async throws -> String {
    utf8Text(
      try await call(
        contract: "test.echo", version: 1, service: "Echo", method: method, payload: utf8Bytes(payload),
        options: options))
  }

  /// Calls `test.echo` v1 `Echo.<method>`.
  func echo(_ method: String, _ payload: String, timeout: Duration? = nil) async throws -> String {
    utf8Text(
      try await call(
        contract: "test.echo", version: 1, service: "Echo", method: method, payload: utf8Bytes(payload),
        options: CallOptions(timeout: timeout)))
  }
}

/// Waits until `condition` holds, polling, for at most `seconds`.
func eventually(seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
  let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
  while ContinuousClock.now < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(5))
  }
  return condition()
}

/// Expects `body` to throw a ParleyError with `code`, and returns it.
@discardableResult
func expectParleyError(
  _ code: ParleyError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> ParleyError? {
  do {
    try await body()
    Issue.record("expected \(code.rawValue), got success", sourceLocation: sourceLocation)
  } catch let error as ParleyError {
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    return error
  } catch {
    Issue.record("expected ParleyError \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}

/// Creates the lazily made process-wide resources (I/O threads, the concurrency runtime's timer
/// descriptors) so descriptor counts before and after a test compare like with like.
func warmUpRuntime() async {
  _ = InProcessTransport.makePair()
  let long = Task { try? await Task.sleep(for: .seconds(30)) }
  try? await Task.sleep(for: .milliseconds(2))
  long.cancel()
  _ = await long.value
  try? await Task.sleep(nanoseconds: 1000)
}
