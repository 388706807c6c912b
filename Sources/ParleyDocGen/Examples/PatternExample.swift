/// Builds a string that a `@pattern` regular expression probably matches, for examples.
///
/// It understands a common subset — literals, escapes (`\d`, `\w`, `\s`, `\.`), `.`, character
/// classes (`[A-Z0-9-]`, `[^…]`), groups with `|`, and the quantifiers `?`, `*`, `+`, `{n}`,
/// `{n,}`, `{n,m}` — and returns `nil` for anything else (look-arounds, back-references).
/// Callers check the result with Swift `Regex` (see ``ExampleValidator``): this is only a guess.
///
/// ```swift
/// PatternExample.generate("^ord_[a-z0-9]+$", repetitions: 3)   // "ord_abc"
/// PatternExample.generate("^[A-Z]{3}$", repetitions: 3)        // "ABC"
/// ```
public enum PatternExample {
  /// A candidate for `pattern`; unbounded quantifiers repeat `repetitions` times (clamped to
  /// their bounds).
  public static func generate(_ pattern: String, repetitions: Int) -> String? {
    var parser = Parser(Array(pattern.unicodeScalars), repetitions: max(0, repetitions))
    guard let result = parser.alternation(), parser.index == parser.scalars.count else { return nil }
    return result
  }

  private struct Parser {
    let scalars: [Unicode.Scalar]
    let repetitions: Int
    var index = 0

    init(_ scalars: [Unicode.Scalar], repetitions: Int) {
      self.scalars = scalars
      self.repetitions = repetitions
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// `a|b|c`: takes the first alternative that generates.
    mutating func alternation() -> String? {
      var choice: String? = nil
      while true {
        let branch = sequence()
        if choice == nil { choice = branch }
        guard current == "|" else { break }
        index += 1
      }
      return choice
    }

    mutating func sequence() -> String? {
      var result = ""
      var failed = false
      while let scalar = current, scalar != "|", scalar != ")" {
        guard let choices = atom() else {
          failed = true
          skipToSequenceEnd()
          break
        }
        guard let (low, high) = quantifier() else {
          failed = true
          skipToSequenceEnd()
          break
        }
        let count = min(max(repetitions, low), high ?? max(repetitions, low))
        for offset in 0..<count where !choices.isEmpty { result += choices[offset % choices.count] }
      }
      return failed ? nil : result
    }

    mutating func skipToSequenceEnd() {
      var depth = 0
      while let scalar = current {
        if scalar == "\\" {
          index += 2
          continue
        }
        if scalar == "(" { depth += 1 }
        if scalar == ")" {
          if depth == 0 { return }
          depth -= 1
        }
        if scalar == "|", depth == 0 { return }
        index += 1
      }
    }

    /// The strings one repetition of the atom can produce (cycled through for variety); `[""]`
    /// for anchors.
    mutating func atom() -> [String]? {
      guard let scalar = current else { return nil }
      index += 1
      switch scalar {
      case "^", "$": return [""]
      case ".": return ["x", "y", "z"]
      case "(":
        if current == "?" {
          guard index + 1 < scalars.count, scalars[index + 1] == ":" else { return nil }
          index += 2
        }
        guard let inner = alternation(), current == ")" else { return nil }
        index += 1
        return [inner]
      case "[": return characterClass()
      case "\\": return escape()
      case "*", "+", "?", "{", ")", "|": return nil
      default: return [String(scalar)]
      }
    }

    mutating func escape() -> [String]? {
      guard let scalar = current else { return nil }
      index += 1
      switch scalar {
      case "d": return ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
      case "w": return ["a", "b", "c", "d", "e", "f"]
      case "s": return [" "]
      case "n": return ["\n"]
      case "t": return ["\t"]
      default:
        if ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) {
          return nil
        }
        return [String(scalar)]
      }
    }

    mutating func characterClass() -> [String]? {
      var negated = false
      if current == "^" {
        negated = true
        index += 1
      }
      var members: [Unicode.Scalar] = []
      var first = true
      while let scalar = current, scalar != "]" || first {
        first = false
        index += 1
        var low = scalar
        if scalar == "\\" {
          guard let escaped = current else { return nil }
          index += 1
          switch escaped {
          case "d":
            members += (48...57).compactMap(Unicode.Scalar.init)
            continue
          case "w":
            members += (97...122).compactMap(Unicode.Scalar.init)
            continue
          case "s":
            members.append(" ")
            continue
          default:
            if ("a"..."z").contains(escaped) || ("A"..."Z").contains(escaped) { return nil }
            low = escaped
          }
        } else if scalar == "[" {
          return nil
        }
        if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
          index += 1
          guard var high = current else { return nil }
          index += 1
          if high == "\\" {
            guard let escaped = current else { return nil }
            index += 1
            high = escaped
          }
          guard low.value <= high.value, high.value - low.value < 0x3000 else { return nil }
          members += (low.value...high.value).compactMap(Unicode.Scalar.init)
        } else {
          members.append(low)
        }
      }
      guard current == "]" else { return nil }
      index += 1
      if negated {
        let pool: [Unicode.Scalar] = ["x", "y", "z", "a", "0", "1", "_", "-", "Q"]
        let allowed = pool.filter { !members.contains($0) }
        return allowed.isEmpty ? nil : allowed.prefix(3).map { String($0) }
      }
      let ordered =
        members.filter { ("a"..."z").contains($0) } + members.filter { ("A"..."Z").contains($0) }
        + members.filter { ("0"..."9").contains($0) }
        + members.filter {
          !(("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0))
        }
      return ordered.isEmpty ? nil : Array(ordered.prefix(6)).map { String($0) }
    }

    /// `(min, max)`; `max` nil means unbounded. `(1, 1)` when there is no quantifier.
    mutating func quantifier() -> (Int, Int?)? {
      var bounds: (Int, Int?) = (1, 1)
      switch current {
      case "?": bounds = (0, 1)
      case "*": bounds = (0, nil)
      case "+": bounds = (1, nil)
      case "{":
        let start = index
        index += 1
        var text = ""
        while let scalar = current, scalar != "}" {
          text.unicodeScalars.append(scalar)
          index += 1
        }
        guard current == "}" else {
          index = start
          return nil
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let low = Int(parts[0]), low <= 1000 else { return nil }
        if parts.count == 1 {
          bounds = (low, low)
        } else if parts.count == 2 {
          if parts[1].isEmpty {
            bounds = (low, nil)
          } else {
            guard let high = Int(parts[1]), high >= low else { return nil }
            bounds = (low, high)
          }
        } else {
          return nil
        }
      default: return bounds
      }
      index += 1
      if current == "?" || current == "+" { index += 1 }
      return bounds
    }
  }
}
