import Foundation
import Parley
import Testing

extension RuntimeSocketSuites {
  /// Envelope members at the edges of their types (timeouts, versions, depths, ids, credits,
  /// frame limits) sent by a raw client to a live server: each call gets an answer or a clean
  /// close, never a crash, and a well-behaved client keeps working.
  @Suite(.serialized) struct EnvelopeHostileInputTests {
    typealias Fixture = HardeningTests.Fixture

    static func call(id: String, extra: String, method: String = "echo") -> String {
      #"{"v":1,"kind":"call","id":\#(id),"contract":"test.echo","cv":1,"service":"Echo","method":"\#(method)","payload":[1]\#(extra)}"#
    }

    /// Each call is answered: echoed, or refused with the expected code.
    @Test(arguments: [
      (#","timeoutMs":9223372036854775807"#, "ok"), (#","timeoutMs":-9223372036854775808"#, "TIMEOUT"),
      (#","timeoutMs":0"#, "TIMEOUT"), (#","timeoutMs":-1"#, "TIMEOUT"), (#","timeoutMs":1"#, "any"),
      (#","ctx":{"root":"r","chain":[],"depth":9223372036854775807}"#, "MAX_DEPTH_EXCEEDED"),
      (#","ctx":{"root":"r","chain":[],"depth":-9223372036854775808}"#, "ok"),
      (#","credit":18446744073709551615"#, "ok"), (#","credit":0"#, "ok"),
    ])
    func extremeCallMembersAreAnswered(_ extra: String, _ expected: String) async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      raw.send(json: Self.call(id: "7", extra: extra))
      let reply = await raw.read(kind: "reply")
      #expect(reply?.id == 7)
      switch expected {
      case "ok": #expect(reply?.ok == true && reply?.payload == "[1]")
      case "any": #expect(reply != nil)
      default: #expect(reply?.code == expected)
      }
      raw.closeSocket()
      await f.tearDown()
    }

    /// Contract versions and call ids at the edges of their types.
    @Test func extremeVersionsAndIDsAreAnswered() async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      try await raw.handshake()
      for version in ["9223372036854775807", "-9223372036854775808", "0"] {
        raw.send(
          json:
            #"{"v":1,"kind":"call","id":3,"contract":"test.echo","cv":\#(version),"service":"Echo","method":"echo","payload":1}"#
        )
        let reply = await raw.read(kind: "reply")
        #expect(reply?.id == 3 && reply?.code == "VERSION_MISMATCH", "cv \(version)")
      }
      for id in ["0", "18446744073709551615", "9223372036854775808"] {
        raw.send(json: Self.call(id: id, extra: ""))
        let reply = await raw.read(kind: "reply")
        #expect(reply?.id == UInt64(id) && reply?.ok == true, "id \(id)")
      }
      // A credit grant for a call that does not exist, and one with the largest credit.
      raw.send(json: #"{"v":1,"kind":"streamItem","id":18446744073709551615,"credit":18446744073709551615}"#)
      raw.send(json: #"{"v":1,"kind":"cancel","id":18446744073709551615}"#)
      raw.send(json: #"{"v":1,"kind":"ping","id":18446744073709551615}"#)
      #expect(await raw.read(kind: "pong")?.id == UInt64.max)
      raw.closeSocket()
      await f.tearDown()
    }

    /// Handshakes with extreme members: refused or accepted, the server lives on.
    @Test(arguments: [
      #"{"v":-9223372036854775808,"kind":"hello","codecs":["json"]}"#,
      #"{"v":1,"kind":"hello","codecs":["json"],"maxFrame":-9223372036854775808}"#,
      #"{"v":1,"kind":"hello","codecs":["json"],"maxFrame":0}"#,
      #"{"v":1,"kind":"hello","codecs":["json"],"maxFrame":9223372036854775807}"#,
      #"{"v":1,"kind":"hello","codecs":["json"],"contracts":[{"name":"test.echo","version":-9223372036854775808}]}"#,
      #"{"v":1,"kind":"hello","codecs":["json"],"contracts":[{"name":"test.echo","version":9223372036854775807}]}"#,
    ])
    func extremeHellosNeverCrash(_ hello: String) async throws {
      let f = try await Fixture.make()
      let raw = try RawClient(path: f.path)
      raw.send(json: hello)
      let answer = await offPool { raw.readEnvelopeSync() }
      #expect(answer?.kind == "welcome" || answer?.kind == "reject")
      if answer?.kind == "welcome" {
        raw.send(json: Self.call(id: "1", extra: ""))
        raw.send(json: #"{"v":1,"kind":"ping","id":2}"#)
        _ = await offPool { raw.drainAvailable() }
      }
      raw.closeSocket()
      await f.tearDown()
    }
  }
}
