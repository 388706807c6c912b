import Testing

@testable import Parley

/// The table of a connection's calls by id (client and server): slots by the id's low bits, an overflow for
/// ids whose slot is taken, and growth when crowded; checked against a dictionary as reference.
@Suite struct CallIDTableTests {
  @Test func insertRemoveAndStaleIDs() {
    var table = CallIDTable<String>(initialSlots: 4, maxSlots: 4)
    #expect(table.isEmpty && table.slotCount == 0)  // nothing allocated before the first call
    table.insert("a", for: 1)
    table.insert("b", for: 2)
    #expect(table.count == 2 && table.slotCount == 4)
    // 5 has 1's slot (5 & 3 == 1): a stale or unknown id never matches the slot's call.
    #expect(table.remove(5) == nil)
    #expect(!table.contains(5) && table.contains(1))
    #expect(table.remove(1) == "a")
    #expect(table.remove(1) == nil)  // a second reply to the same id
    #expect(table.count == 1)
    table.insert("c", for: 5)  // reuses the freed slot
    #expect(table.overflowCount == 0)
    #expect(table.remove(5) == "c" && table.remove(2) == "b")
    #expect(table.isEmpty)
  }

  @Test func wrapAroundPastALongRunningCallUsesTheOverflow() {
    var table = CallIDTable<UInt64>(initialSlots: 8, maxSlots: 8)
    table.insert(1, for: 1)  // a long-running call keeps slot 1
    var overflowed = 0
    for id in UInt64(2)...200 {
      table.insert(id, for: id)
      if table.overflowCount > 0 { overflowed += 1 }
      #expect(table.count == 2)
      #expect(table.remove(id) == id)
      #expect(table.overflowCount == 0)
    }
    #expect(overflowed == 24)  // 9, 17, …, 193: every id that met slot 1
    #expect(table.remove(1) == 1)
    #expect(table.isEmpty)
  }

  @Test func growsWhenCrowdedAndKeepsEveryCall() {
    var table = CallIDTable<UInt64>(initialSlots: 4, maxSlots: 64)
    for id in UInt64(1)...40 { table.insert(id * 10, for: id) }
    #expect(table.count == 40)
    #expect(table.slotCount == 64)
    for id in UInt64(1)...40 { #expect(table.remove(id) == id * 10) }
    #expect(table.isEmpty && table.overflowCount == 0)
    // Overflow calls move into their slot when the table grows.
    var small = CallIDTable<UInt64>(initialSlots: 2, maxSlots: 8)
    small.insert(1, for: 1)
    small.insert(3, for: 3)  // slot 1 taken, table not crowded enough (2 slots < 4 × 2): grows to 4
    #expect(small.slotCount == 4 && small.overflowCount == 0)
    small.insert(5, for: 5)  // slot 1 taken; grows to 8, where 5 is free
    #expect(small.slotCount == 8 && small.overflowCount == 0)
    small.insert(9, for: 9)  // slot 1 taken, at the maximum: overflow
    #expect(small.overflowCount == 1)
    #expect([1, 3, 5, 9].allSatisfy { small.contains($0) })
  }

  @Test func zeroAndReplacedIDs() {
    var table = CallIDTable<String>()
    table.insert("zero", for: 0)  // 0 marks free slots, so it lives in the overflow
    table.insert("x", for: 7)
    table.insert("y", for: 7)  // same id: replaced, not counted twice
    #expect(table.count == 2)
    #expect(table.remove(0) == "zero" && table.remove(7) == "y")
    #expect(table.isEmpty)
  }

  @Test func removeAllWhereAndForEach() {
    var table = CallIDTable<UInt64>(initialSlots: 4, maxSlots: 4)
    for id in UInt64(1)...12 { table.insert(id, for: id) }  // 4 slots, 8 in the overflow
    var seen: [UInt64] = []
    table.forEach { id, value in
      #expect(id == value)
      seen.append(id)
    }
    #expect(seen.sorted() == Array(1...12))
    let even = table.removeAll { $0 % 2 == 0 }
    #expect(even.map(\.id).sorted() == [2, 4, 6, 8, 10, 12])
    #expect(table.count == 6)
    let rest = table.removeAll()
    #expect(rest.map(\.value).sorted() == [1, 3, 5, 7, 9, 11])
    #expect(table.isEmpty && table.slotCount == 4)
    table.insert(13, for: 13)
    #expect(table.remove(13) == 13)
  }

  /// Random sequential-id workloads (calls finishing out of order, some long-lived, some replies
  /// for ids that are gone) against a dictionary.
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func matchesADictionary(seed: UInt64) {
    var random = RuntimeRandom(seed: seed)
    var table = CallIDTable<UInt64>(initialSlots: 4, maxSlots: 128)
    var reference: [UInt64: UInt64] = [:]
    var nextID: UInt64 = 1
    for _ in 0..<20_000 {
      switch random.next() % 8 {
      case 0, 1, 2, 3:
        if reference.count < 300 {
          let value = random.next()
          table.insert(value, for: nextID)
          reference[nextID] = value
          nextID += 1
        }
      case 4, 5, 6:
        // A reply: mostly for a recent call, sometimes for an old or unknown id.
        let back = random.next() % (random.next() % 4 == 0 ? 1000 : 80)
        let id = nextID > back ? nextID - 1 - back : 0
        #expect(table.remove(id) == reference.removeValue(forKey: id))
      default:
        let id = random.next() % (nextID + 5)
        #expect(table.contains(id) == (reference[id] != nil))
      }
      #expect(table.count == reference.count)
    }
    let rest = table.removeAll()
    #expect(Dictionary(uniqueKeysWithValues: rest.map { ($0.id, $0.value) }) == reference)
    #expect(table.slotCount <= 128)
  }
}
