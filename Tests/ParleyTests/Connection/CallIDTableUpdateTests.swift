import Testing

@testable import Parley

/// Reading and changing calls in place (the server keeps its running calls in the same table).
extension CallIDTableTests {
  @Test func valueAndUpdateReachSlotAndOverflowCalls() {
    var table = CallIDTable<String>(initialSlots: 4, maxSlots: 4)
    table.insert("slot", for: 1)
    table.insert("overflow", for: 5)  // 1's slot is taken
    #expect(table.overflowCount == 1)
    #expect(table.value(for: 1) == "slot" && table.value(for: 5) == "overflow")
    #expect(table.value(for: 9) == nil)  // 1's slot, another id
    #expect(table.update(1) { $0 += "!" } == "slot")  // returns the value before the change
    #expect(table.update(5) { $0 += "?" } == "overflow")
    #expect(table.update(9) { $0 = "never" } == nil)
    #expect(table.value(for: 1) == "slot!" && table.value(for: 5) == "overflow?")
    #expect(table.count == 2 && table.value(for: 9) == nil)
    table.updateAll { $0 = $0.uppercased() }
    #expect(table.remove(1) == "SLOT!" && table.remove(5) == "OVERFLOW?")
    #expect(table.isEmpty)
  }

  /// Random inserts, updates, reads and removals against a dictionary.
  @Test(arguments: [UInt64(11), 12])
  func updatesMatchADictionary(seed: UInt64) {
    var random = RuntimeRandom(seed: seed)
    var table = CallIDTable<UInt64>(initialSlots: 4, maxSlots: 32)
    var reference: [UInt64: UInt64] = [:]
    for _ in 0..<10_000 {
      let id = random.next() % 200
      switch random.next() % 5 {
      case 0:
        table.insert(id, for: id)
        reference[id] = id
      case 1:
        let delta = random.next() % 7
        #expect(table.update(id) { $0 &+= delta } == reference[id])
        reference[id]? &+= delta
      case 2:
        #expect(table.remove(id) == reference.removeValue(forKey: id))
      case 3:
        #expect(table.value(for: id) == reference[id])
      default:
        if random.next() % 50 == 0 {
          table.updateAll { $0 &+= 1 }
          for key in reference.keys { reference[key]! &+= 1 }
        }
      }
      #expect(table.count == reference.count)
    }
    #expect(Dictionary(uniqueKeysWithValues: table.removeAll().map { ($0.id, $0.value) }) == reference)
  }
}
