import Testing

@testable import Parley

/// A call chain kept without an array while it names one service: the same chain however it was
/// built, through both envelope codecs.
@Suite struct CallChainTests {
  @Test func buildingAChainServiceByServiceOrFromAnArrayIsTheSameChain() {
    var grown = CallChain()
    #expect(grown.isEmpty && grown.array == [])
    grown.append("Orders")
    #expect(Array(grown) == ["Orders"] && grown.array == ["Orders"])
    grown.append("Inventory")
    grown.append("Pricing")
    let built = CallChain(["Orders", "Inventory", "Pricing"])
    #expect(grown == built && grown.hashValue == built.hashValue)
    #expect(CallChain(["Orders"]) == CallChain().appending("Orders"))
    #expect(CallChain(["Orders"]) != CallChain(["Orders", "Orders"]))
    #expect(CallChain([]) == CallChain())
  }

  @Test func contextsCompareAndExtendByTheirServices() {
    let top = CallContext.outgoing(to: "Orders")
    #expect(top.chain == ["Orders"] && top.depth == 1)
    let nested = top.extended(to: "Inventory")
    #expect(nested.chain == ["Orders", "Inventory"] && nested.depth == 2 && nested.root == top.root)
    var rebuilt = CallContext(root: top.root, chain: ["Orders"], depth: 1)
    #expect(rebuilt == top && rebuilt.hashValue == top.hashValue)
    rebuilt.chain.append("Inventory")
    rebuilt.depth = 2
    #expect(rebuilt == nested)
  }

  @Test(arguments: [[String](), ["Orders"], ["Orders", "Inventory", "Pricing"]])
  func chainsRoundTripThroughBothCodecs(chain: [String]) throws {
    var call = Envelope(kind: .call, id: 7)
    call.context = CallContext(root: "0123456789abcde", chain: chain, depth: max(1, chain.count))
    let codecs: [any EnvelopeCodec] = [BinaryEnvelopeCodec(), JSONEnvelopeCodec()]
    for codec in codecs {
      var body: [UInt8] = []
      codec.encode(call, into: &body)
      let decoded = try codec.decode(body)
      #expect(decoded.context == call.context)
      #expect(decoded.context?.chain == chain)
    }
  }
}
