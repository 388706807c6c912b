import Parley
import Testing

@Test func wireProtocolVersionIsOne() {
  #expect(WireProtocol.version == 1)
}
