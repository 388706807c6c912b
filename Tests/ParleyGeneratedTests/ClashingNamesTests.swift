import Foundation
import Parley
import Testing

/// Implements the methods whose names clash with generated members, under their renamed names.
private struct ClashingHandler: GenClashes.ClashingHandler {
  func transport_(_ request: GenClashes.Echo, call: IncomingCall) async throws -> GenClashes.Echo {
    GenClashes.Echo(text: "transport " + request.text)
  }

  func register_(_ request: GenClashes.Echo, call: IncomingCall) async throws -> GenClashes.Echo {
    GenClashes.Echo(text: "register " + request.text)
  }

  func parleyRegistration_(call: IncomingCall) async throws {}

  func configure(_ request: GenClashes.Settings, call: IncomingCall) async throws -> GenClashes.Settings {
    GenClashes.Settings(options: request.request, request: request.call, call: request.options)
  }

  func note(_ request: GenClashes.Settings, call: IncomingCall) async throws {}

  func close_(
    _ request: GenClashes.Echo, writer: ParleyTypedStreamWriter<GenClashes.Echo>, call: IncomingCall
  ) async throws {
    for index in 0..<2 { try await writer.send(GenClashes.Echo(text: "\(request.text) \(index)")) }
  }
}

/// A contract whose method names clash with the generated client's and handler's own members
/// compiles through the build plugin, and its renamed methods call the contract's methods.
@Suite("Method names that clash with generated members", .timeLimit(.minutes(1)))
struct ClashingNamesTests {
  static let options = CallOptions(timeout: .seconds(10))

  @Test func renamedMethodsCallTheContractsMethods() async throws {
    let fixture = try await TestServer.start([ClashingHandler().parleyRegistration()])
    do {
      let connection = try await fixture.connect()
      let client = GenClashes.ClashingClient(connection)
      #expect(client.transport is ClientConnection)
      #expect(try await client.transport_(text: "a", options: Self.options).text == "transport a")
      #expect(
        try await client.register_(GenClashes.Echo(text: "b"), options: Self.options).text == "register b")
      try await client.parleyRegistration_(options: Self.options)
      var items: [String] = []
      for try await item in try await client.close_(text: "c", options: Self.options) {
        items.append(item.text)
      }
      #expect(items == ["c 0", "c 1"])
      #expect(client.connection_.topic == "gen.clashes.connection")
      #expect(GenClashes.ClashingDescriptor.Transport.name == "transport")
      let rotated = try await client.configure(
        GenClashes.Settings(options: "o", request: "r", call: "c"), options: Self.options)
      #expect(rotated == GenClashes.Settings(options: "r", request: "c", call: "o"))
      try client.note(options: "o", request: "r", call: "c")
      await connection.close()
    } catch {
      await fixture.stop()
      throw error
    }
    await fixture.stop()
  }
}
