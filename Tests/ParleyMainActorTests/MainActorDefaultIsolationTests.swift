import Foundation
import Parley
import Testing

// This target is compiled with `-default-isolation MainActor` (Package.swift), as Xcode's new app
// targets are: everything here that says nothing else is main-actor isolated, and the generated
// code (all `nonisolated`) must compile and work among it.

/// The desk's handler. In a main-actor module a conformer of a generated (nonisolated) handler
/// protocol says `nonisolated`, as it would for any nonisolated protocol.
nonisolated struct DeskHandler: MainDesk.DeskServiceHandler {
  func open(_ request: MainDesk.Ticket, call: IncomingCall) async throws -> MainDesk.Ticket {
    var opened = request
    opened.note = .text("opened")
    return opened
  }

  func find(_ request: MainDesk.Ticket, call: IncomingCall) async throws -> MainDesk.Ticket {
    throw MainDesk.TicketNotFound(id: request.id)
  }

  func list(
    _ request: MainDesk.ListRequest, writer: ParleyTypedStreamWriter<MainDesk.Ticket>, call: IncomingCall
  ) async throws {
    for index in 0..<request.count {
      try await writer.send(MainDesk.Ticket(id: "t\(index)", priority: .high))
    }
  }
}

@Suite struct MainActorDefaultIsolationTests {
  @Test func generatedTypesRoundTripOnTheMainActor() throws {
    let ticket = MainDesk.Ticket(id: "t1", priority: .high, note: .code(7))
    let json = try ParleyJSON.encode(ticket)
    #expect(try ParleyJSON.decode(MainDesk.Ticket.self, from: json, strict: true) == ticket)
    #expect(try MainDesk.Ticket(parleyBinaryBytes: ticket.parleyBinaryBytes) == ticket)
  }

  @Test func aGeneratedClientCallsAndStreamsFromTheMainActor() async throws {
    let server = try await TestServer.start([DeskHandler().parleyRegistration()])
    let connection = try await server.connect()
    let client = MainDesk.DeskServiceClient(connection)
    let opened = try await client.open(MainDesk.Ticket(id: "t1"))
    #expect(opened.note == .text("opened") && opened.priority == .normal)
    await #expect(throws: MainDesk.TicketNotFound(id: "nope")) {
      _ = try await client.find(MainDesk.Ticket(id: "nope"))
    }
    var listed: [String] = []
    for try await ticket in try await client.list(count: 3) { listed.append(ticket.id) }
    #expect(listed == ["t0", "t1", "t2"])
    await connection.close()
    await server.stop()
  }
}
