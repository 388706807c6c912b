import Parley

/// Sends oneways numbered `0..<count` (the number as the payload) to `service.method` as fast as
/// `connection` takes them, waiting 1 ms whenever it pushes back with `OVERLOADED`.
func sendNumberedOneways(
  _ count: Int, on connection: ClientConnection, contract: String, service: String, method: String
) async throws {
  var sent = 0
  while sent < count {
    do {
      try connection.oneway(
        contract: contract, version: 1, service: service, method: method, payload: utf8Bytes(String(sent)))
      sent += 1
    } catch let error as ParleyError where error.code == .overloaded {
      try await Task.sleep(for: .milliseconds(1))
    }
  }
}
