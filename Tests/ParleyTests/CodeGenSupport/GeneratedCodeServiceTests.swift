import Foundation
import Parley
import Synchronization
import Testing

/// A generated client calling a generated handler across a real Unix socket.
@Suite("Generated code: client and server")
struct GeneratedCodeServiceTests {
  struct Handler: FocusEdge.EdgeServiceHandler {
    let poked = GeneratedCodeBox()

    func echo(_ request: FocusEdge.Builtins, call: IncomingCall) async throws -> FocusEdge.Builtins {
      request
    }
    func fail(_ request: FocusEdge.Keywords, call: IncomingCall) async throws -> FocusEdge.Keywords {
      if request.default == "boom" { throw Boom() }
      throw FocusEdge.Failed(reason: "because " + request.default)
    }
    func check(_ request: FocusEdge.Basket, call: IncomingCall) async throws -> Int32 {
      Int32(request.items.count)
    }
    func count(_ request: FocusEdge.Count, call: IncomingCall) async throws -> Int64 {
      Int64(request.rawValue) * 2
    }
    func poke(_ request: FocusEdge.Node, call: IncomingCall) async throws { poked.set(request.value) }
    func ping(call: IncomingCall) async throws {}
    func `default`(_ request: FocusEdge.Level, call: IncomingCall) async throws -> FocusEdge.Level { request }
    func old(_ request: FocusEdge.Node, call: IncomingCall) async throws -> FocusEdge.Node { request }
    func walk(_ request: FocusEdge.Node, writer: ParleyTypedStreamWriter<FocusEdge.Node>, call: IncomingCall)
      async throws
    { try await writer.send(request) }
  }

  /// Not a contract error: reaches the caller as `INTERNAL`.
  struct Boom: Error {}

  /// A tiny locked box for what the oneway handler saw.
  final class GeneratedCodeBox: Sendable {
    private let value = GeneratedCodeLockedValue()
    func set(_ newValue: Int32) { value.set(newValue) }
    var current: Int32? { value.get() }
  }

  @Test("rpc, typed errors, validation, oneway over a Unix socket")
  func endToEnd() async throws {
    let handler = Handler()
    let fixture = try await TestServer.start([handler.parleyRegistration()])
    let connection = try await fixture.connect()
    let client = FocusEdge.EdgeServiceClient(connection)
    do {
      var random = GeneratedCodeRandom(seed: 3)
      let value = random.builtins()
      // The contract's @timeout(2s) is too tight for the first seconds of a parallel test run.
      var echoed = try await client.echo(value, options: CallOptions(timeout: .seconds(30), idempotent: true))
      echoed.ts = value.ts
      #expect(echoed == value)
      try await client.ping()
      #expect(try await client.count(41) == 82)
      #expect(try await client.default(.unknown_) == .unknown_)
      #expect(try await client.check(items: [FocusEdge.Item(sku: "A", quantity: 1)]) == 1)

      await #expect(throws: FocusEdge.Failed(reason: "because x")) {
        _ = try await client.fail(default: "x")
      }
      do {
        _ = try await client.fail(default: "boom")
        Issue.record("expected INTERNAL")
      } catch let error as ParleyError {
        #expect(error.code == .internal)
      }
      do {
        _ = try await client.check(items: [])
        Issue.record("expected VALIDATION_FAILED")
      } catch let error as ParleyError {
        #expect(error.code == .validationFailed)
        #expect(error.violations.map(\.path) == ["items"])
      }
      try client.poke(value: 12)
      try await client.ping()
      for _ in 0..<200 where handler.poked.current == nil { try await Task.sleep(for: .milliseconds(5)) }
      #expect(handler.poked.current == 12)
    } catch {
      Issue.record("unexpected \(error)")
    }
    await connection.close()
    await fixture.stop()
  }
}

/// A `Mutex`-protected optional value.
final class GeneratedCodeLockedValue: Sendable {
  private let storage = Synchronization.Mutex<Int32?>(nil)
  func set(_ value: Int32) { storage.withLock { $0 = value } }
  func get() -> Int32? { storage.withLock { $0 } }
}
