/// "Did you mean …?" suggestions by edit distance.
enum Suggestions {
  /// The candidate closest to `name` (case-insensitive Levenshtein distance at most a third of the
  /// name's length, minimum 1; names shorter than 3 only match ignoring case), ties broken by byte
  /// order; `nil` when none is close enough.
  static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    guard target.count <= 64 else { return nil }
    let limit = target.count < 3 ? 0 : max(1, target.count / 3)
    var best: (distance: Int, name: String)?
    for candidate in candidates where candidate != name {
      let length = candidate.unicodeScalars.count
      guard abs(length - target.count) <= limit else { continue }
      let other = Array(candidate.lowercased().unicodeScalars)
      let distance = editDistance(target, other)
      guard distance <= limit else { continue }
      if let current = best {
        if distance < current.distance
          || (distance == current.distance
            && Array(candidate.utf8).lexicographicallyPrecedes(current.name.utf8))
        {
          best = (distance, candidate)
        }
      } else {
        best = (distance, candidate)
      }
    }
    return best?.name
  }

  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
