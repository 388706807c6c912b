import Parley

/// Starts a test server with `registrations`, runs `body` with a client connection to it, then
/// closes the connection and stops the server, also when `body` throws.
func withServedConnection(
  _ registrations: [ServiceRegistration], _ body: (ClientConnection) async throws -> Void
) async throws {
  let fixture = try await TestServer.start(registrations)
  do {
    let connection = try await fixture.connect()
    do {
      try await body(connection)
    } catch {
      await connection.close()
      throw error
    }
    await connection.close()
  } catch {
    await fixture.stop()
    throw error
  }
  await fixture.stop()
}
