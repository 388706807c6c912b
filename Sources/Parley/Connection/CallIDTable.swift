/// The calls of one connection by call id (a client's calls waiting for their reply, a server's
/// calls whose handlers run): a table of slots indexed by the id's low bits, with a dictionary for
/// the rare id whose slot an older call still holds.
///
/// A client hands out call ids in sequence, so the calls in flight together have nearby ids
/// and land in different slots: finding a reply's call is a mask and a compare (the slot keeps
/// its id, so a stale or unknown id never matches), with no hashing and no allocation per call.
/// A call that outlives many newer ones (a long-running method) only sends the newer call that
/// meets its slot to the overflow dictionary. The table grows (doubling, up to `maxSlots`) when
/// a collision finds it crowded, and its slots are allocated at the first call.
///
/// Not thread-safe: the owner keeps it behind its lock. Id 0 is accepted (kept in the overflow).
struct CallIDTable<Value> {
  private struct Slot {
    /// The call id in this slot; 0 when the slot is free.
    var id: UInt64
    var value: Value?
  }

  /// Slots, a power of two of them (none until the first insertion).
  private var slots: ContiguousArray<Slot> = []
  /// Calls whose slot was taken when they were added.
  private var overflow: [UInt64: Value] = [:]
  /// The number of calls in the table.
  private(set) var count = 0
  /// The most slots the table grows to.
  let maxSlots: Int
  /// The slots allocated at the first insertion.
  let initialSlots: Int

  /// An empty table that grows to at most `maxSlots` slots (rounded up to a power of two, at
  /// least `initialSlots`).
  init(initialSlots: Int = 16, maxSlots: Int = 4096) {
    self.initialSlots = Self.powerOfTwo(atLeast: max(1, initialSlots))
    self.maxSlots = max(self.initialSlots, Self.powerOfTwo(atLeast: maxSlots))
  }

  /// Whether the table holds no call.
  var isEmpty: Bool { count == 0 }

  /// The number of slots allocated (for tests).
  var slotCount: Int { slots.count }

  /// The number of calls kept in the overflow dictionary (for tests).
  var overflowCount: Int { overflow.count }

  /// Adds `value` for call `id`, replacing the value already kept for `id`, if any.
  mutating func insert(_ value: Value, for id: UInt64) {
    if id != 0 {
      if slots.isEmpty {
        slots = ContiguousArray(repeating: Slot(id: 0, value: nil), count: initialSlots)
      }
      while true {
        let index = Int(truncatingIfNeeded: id) & (slots.count &- 1)
        let holder = slots[index].id
        if holder == 0 || holder == id {
          // An id kept in the overflow while its slot was taken is replaced, not doubled.
          if holder == 0, overflow.isEmpty || overflow.removeValue(forKey: id) == nil { count &+= 1 }
          slots[index] = Slot(id: id, value: value)
          return
        }
        // Crowded (more than a quarter full): grow; else this one call goes to the overflow.
        guard slots.count < maxSlots, slots.count < 4 &* (count &+ 1) else { break }
        grow()
      }
    }
    if overflow.updateValue(value, forKey: id) == nil { count &+= 1 }
  }

  /// Removes and returns the value of call `id`, or `nil` when the table has none.
  mutating func remove(_ id: UInt64) -> Value? {
    if id != 0, !slots.isEmpty {
      let index = Int(truncatingIfNeeded: id) & (slots.count &- 1)
      if slots[index].id == id {
        slots[index].id = 0
        count &-= 1
        return slots[index].value.take()
      }
    }
    if overflow.isEmpty { return nil }
    guard let value = overflow.removeValue(forKey: id) else { return nil }
    count &-= 1
    return value
  }

  /// Whether call `id` is in the table.
  func contains(_ id: UInt64) -> Bool {
    if id != 0, !slots.isEmpty, slots[Int(truncatingIfNeeded: id) & (slots.count &- 1)].id == id {
      return true
    }
    return overflow[id] != nil
  }

  /// The value of call `id`, or `nil` when the table has none.
  func value(for id: UInt64) -> Value? {
    if id != 0, !slots.isEmpty {
      let index = Int(truncatingIfNeeded: id) & (slots.count &- 1)
      if slots[index].id == id { return slots[index].value }
    }
    return overflow.isEmpty ? nil : overflow[id]
  }

  /// Changes the value of call `id` in place and returns it as it was before, or returns `nil`
  /// (changing nothing) when the table has none.
  @discardableResult
  mutating func update(_ id: UInt64, _ change: (inout Value) -> Void) -> Value? {
    if id != 0, !slots.isEmpty {
      let index = Int(truncatingIfNeeded: id) & (slots.count &- 1)
      if slots[index].id == id, var value = slots[index].value {
        let before = value
        change(&value)
        slots[index].value = value
        return before
      }
    }
    guard !overflow.isEmpty, var value = overflow[id] else { return nil }
    let before = value
    change(&value)
    overflow[id] = value
    return before
  }

  /// Changes every call's value in place.
  mutating func updateAll(_ change: (inout Value) -> Void) {
    guard count > 0 else { return }
    for index in slots.indices where slots[index].id != 0 {
      if var value = slots[index].value {
        change(&value)
        slots[index].value = value
      }
    }
    for id in overflow.keys {
      if var value = overflow[id] {
        change(&value)
        overflow[id] = value
      }
    }
  }

  /// Removes and returns the calls for which `shouldRemove` is true (in no particular order).
  mutating func removeAll(where shouldRemove: (Value) -> Bool) -> [(id: UInt64, value: Value)] {
    var removed: [(id: UInt64, value: Value)] = []
    guard count > 0 else { return removed }
    for index in slots.indices where slots[index].id != 0 {
      guard let value = slots[index].value, shouldRemove(value) else { continue }
      removed.append((slots[index].id, value))
      slots[index] = Slot(id: 0, value: nil)
    }
    if !overflow.isEmpty {
      for (id, value) in overflow where shouldRemove(value) {
        removed.append((id, value))
        overflow[id] = nil
      }
    }
    count &-= removed.count
    return removed
  }

  /// Removes and returns every call (in no particular order); the slots stay allocated.
  mutating func removeAll() -> [(id: UInt64, value: Value)] {
    removeAll(where: { _ in true })
  }

  /// Calls `body` with each call (in no particular order).
  func forEach(_ body: (UInt64, Value) -> Void) {
    guard count > 0 else { return }
    for slot in slots where slot.id != 0 {
      if let value = slot.value { body(slot.id, value) }
    }
    for (id, value) in overflow { body(id, value) }
  }

  /// Doubles the slots, moving every call to its slot in the larger table; overflow calls whose
  /// new slot is free move there too.
  private mutating func grow() {
    let old = slots
    slots = ContiguousArray(repeating: Slot(id: 0, value: nil), count: old.count &* 2)
    let mask = slots.count &- 1
    for slot in old where slot.id != 0 {
      // Distinct ids of the old table differ in their low bits, so they stay apart.
      slots[Int(truncatingIfNeeded: slot.id) & mask] = slot
    }
    guard !overflow.isEmpty else { return }
    for (id, value) in overflow where id != 0 {
      let index = Int(truncatingIfNeeded: id) & mask
      if slots[index].id == 0 {
        slots[index] = Slot(id: id, value: value)
        overflow[id] = nil
      }
    }
  }

  private static func powerOfTwo(atLeast value: Int) -> Int {
    var power = 1
    while power < value, power < Int.max / 2 { power &*= 2 }
    return power
  }
}
