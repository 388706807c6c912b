import Foundation
import Parley
import Synchronization
import Testing

/// A generated client calling a generated handler across a real Unix socket.
@Suite("Generated code: client and server")
struct GeneratedCodeServiceTests {
  struct Handler: FocusEdge.EdgeServiceHandler {
    let poked = GeneratedCodeBox()
    /// The payload codec of each `count` and `walk` call.
    let codecs = CodecLog()

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
      codecs.append(call.codec)
      return Int64(request.rawValue) * 2
    }
    func poke(_ request: FocusEdge.Node, call: IncomingCall) async throws { poked.set(request.value) }
    func ping(call: IncomingCall) async throws {}
    func `default`(_ request: FocusEdge.Level, call: IncomingCall) async throws -> FocusEdge.Level { request }
    func old(_ request: FocusEdge.Node, call: IncomingCall) async throws -> FocusEdge.Node { request }
    func walk(_ request: FocusEdge.Node, writer: ParleyTypedStreamWriter<FocusEdge.Node>, call: IncomingCall)
      async throws
    {
      codecs.append(call.codec)
      try await writer.send(request)
    }
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

extension GeneratedCodeServiceTests {
  /// A generated client speaks the negotiated codec: binary with the default configurations,
  /// JSON with a JSON-only client; every construct works over both.
  @Test("a typed client negotiates binary by default and works over either codec", arguments: [true, false])
  func typedClientOverEachCodec(defaultCodecs: Bool) async throws {
    let handler = Handler()
    let fixture = try await TestServer.start([handler.parleyRegistration()])
    var configuration = ClientConfiguration()
    if !defaultCodecs { configuration.codecs = [JSONEnvelopeCodec()] }
    let connection = try await fixture.connect(configuration: configuration)
    let expected: WireCodec = defaultCodecs ? .binary : .json
    #expect(connection.codec == expected)
    let client = FocusEdge.EdgeServiceClient(connection)
    do {
      #expect(try await client.count(41, options: CallOptions(timeout: .seconds(30))) == 82)
      await #expect(throws: FocusEdge.Failed(reason: "because y")) {
        _ = try await client.fail(default: "y", options: CallOptions(timeout: .seconds(30)))
      }
      var values: [Int32] = []
      for try await node in try await client.walk(value: 5) { values.append(node.value) }
      #expect(values == [5])
      try client.poke(value: 9)
      for _ in 0..<400 where handler.poked.current == nil { try await Task.sleep(for: .milliseconds(5)) }
      #expect(handler.poked.current == 9)
      #expect(handler.codecs.all == [expected, expected])
    } catch {
      Issue.record("unexpected \(error)")
    }
    await connection.close()
    await fixture.stop()
  }

  /// A typed client (binary by default) calling a service written by hand for JSON text gets
  /// `DECODE_FAILED` saying so, not a handler fed bytes it cannot read.
  @Test func typedClientAgainstAJSONOnlyHandWrittenService() async throws {
    var service = ServiceRegistration(
      contract: FocusEdge.EdgeServiceDescriptor.contract, version: FocusEdge.EdgeServiceDescriptor.version,
      service: FocusEdge.EdgeServiceDescriptor.service)
    service.method("count") { _ in Array("84".utf8) }
    let fixture = try await TestServer.start([service])
    let binary = try await fixture.connect()
    do {
      _ = try await FocusEdge.EdgeServiceClient(binary).count(42, options: CallOptions(timeout: .seconds(30)))
      Issue.record("expected DECODE_FAILED")
    } catch let error as ParleyError {
      #expect(error.code == .decodeFailed)
      #expect(!error.mayHaveRun)
    }
    var jsonOnly = ClientConfiguration()
    jsonOnly.codecs = [JSONEnvelopeCodec()]
    let json = try await fixture.connect(configuration: jsonOnly)
    #expect(
      try await FocusEdge.EdgeServiceClient(json).count(42, options: CallOptions(timeout: .seconds(30))) == 84
    )
    await binary.close()
    await json.close()
    await fixture.stop()
  }
}

/// The payload codecs a handler saw, in order.
final class CodecLog: Sendable {
  private let storage = Synchronization.Mutex<[WireCodec]>([])
  func append(_ codec: WireCodec) { storage.withLock { $0.append(codec) } }
  var all: [WireCodec] { storage.withLock { $0 } }
}

/// A `Mutex`-protected optional value.
final class GeneratedCodeLockedValue: Sendable {
  private let storage = Synchronization.Mutex<Int32?>(nil)
  func set(_ value: Int32) { storage.withLock { $0 = value } }
  func get() -> Int32? { storage.withLock { $0 } }
}
