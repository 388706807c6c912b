/// Matches the numbered members (fields, cases, variants) of two versions of a declaration:
/// first by number and name together, then by name alone (a renumbering), then by number alone
/// (a rename). What is left is removed or added.
enum MemberMatcher {
  /// The outcome: pairs of indices into the old and new member lists, and the leftovers.
  struct Match: Sendable {
    var pairs: [(old: Int, new: Int)] = []
    var removed: [Int] = []
    var added: [Int] = []
  }

  /// Matches members given as `(number, name)`.
  static func match(old: [(number: Int, name: String)], new: [(number: Int, name: String)]) -> Match {
    var oldFree = Set(old.indices)
    var newFree = Set(new.indices)
    var result = Match()
    func pass(_ same: (Int, Int) -> Bool) {
      for i in old.indices where oldFree.contains(i) {
        if let j = new.indices.first(where: { newFree.contains($0) && same(i, $0) }) {
          result.pairs.append((i, j))
          oldFree.remove(i)
          newFree.remove(j)
        }
      }
    }
    pass { old[$0].number == new[$1].number && old[$0].name == new[$1].name }
    pass { old[$0].name == new[$1].name }
    pass { old[$0].number == new[$1].number }
    result.pairs.sort { $0.new < $1.new }
    result.removed = old.indices.filter(oldFree.contains)
    result.added = new.indices.filter(newFree.contains)
    return result
  }
}
