import Parley

/// Runs `body` with a gateway hub on a Unix socket in a temporary directory, a `Ticker` service
/// linked to it (`TickerHandler` reporting to `probe`; the events' publisher) and a caller and
/// subscriber connected to it; closes everything afterwards.
func withTickerGateway(
  probe: TickerProbe = TickerProbe(),
  _ body: (_ service: GatewayServiceLink, _ caller: GatewayClient) async throws -> Void
) async throws {
  let directory = try TestServer.makeTemporaryDirectory(prefix: "parley-gen-gw")
  let hub = GatewayHub(configuration: GatewayConfiguration())
  let endpoint = Endpoint.unix(path: directory + "/gateway.sock")
  do {
    try await hub.start(on: endpoint)
    let service = try await GatewayServiceLink.connect(
      to: endpoint, services: [TickerHandler(probe: probe).parleyRegistration()],
      configuration: GatewayServiceConfiguration(name: "ticker"))
    let caller = try await GatewayClient.connect(to: endpoint)
    do {
      try await body(service, caller)
    } catch {
      await caller.close()
      await service.close()
      throw error
    }
    await caller.close()
    await service.close()
  } catch {
    await hub.stop(grace: .milliseconds(200))
    TestServer.removeTree(directory)
    throw error
  }
  await hub.stop(grace: .milliseconds(200))
  TestServer.removeTree(directory)
}
