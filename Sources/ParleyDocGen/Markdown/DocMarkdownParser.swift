/// Parses doc comments as a small, safe Markdown subset.
///
/// Supported: paragraphs, `-`/`*`/`+` and `1.` lists, fenced code blocks, `#` headings, code spans,
/// `*emphasis*`, `**strong**`, `[text](https://…)` links, backslash escapes, and `[TypeName]` /
/// `[Type.member]` references, which are checked by the `resolve` closure. Everything else,
/// including raw HTML, stays literal text that the renderers escape.
///
/// ```swift
/// let parsed = DocMarkdownParser.parse("Returns an [Order].") { name in lookup(name) }
/// // parsed.text.blocks == [.paragraph([.text("Returns an "), .reference("Order", …), .text(".")])]
/// ```
public enum DocMarkdownParser {
  /// A `[Name]` reference that did not resolve, with its position in the comment.
  public struct UnresolvedReference: Hashable, Sendable {
    /// The name between the brackets.
    public var name: String
    /// The 0-based line of the comment it is on.
    public var line: Int
    /// The 0-based column (in Unicode scalars) of its `[` within that line.
    public var column: Int

    /// Creates an unresolved reference.
    public init(name: String, line: Int, column: Int) {
      self.name = name
      self.line = line
      self.column = column
    }
  }

  /// The outcome of ``parse(_:resolve:)``.
  public struct Result: Hashable, Sendable {
    /// The parsed text.
    public var text: DocText
    /// Every reference that `resolve` returned `nil` for.
    public var unresolved: [UnresolvedReference]
  }

  /// Parses `source` (doc comment lines joined with `\n`, `///` already stripped).
  public static func parse(_ source: String, resolve: @escaping (String) -> DocLink?) -> Result {
    var state = InlineParser(resolve: resolve)
    var blocks: [DocBlock] = []
    var paragraph: [(line: Int, text: String)] = []
    var listItems: [[DocInline]] = []
    var listOrdered = false
    var listItemLines: [(line: Int, text: String)] = []
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    func flushParagraph() {
      guard !paragraph.isEmpty else { return }
      blocks.append(.paragraph(state.parseLines(paragraph)))
      paragraph = []
    }
    func flushItem() {
      guard !listItemLines.isEmpty else { return }
      listItems.append(state.parseLines(listItemLines))
      listItemLines = []
    }
    func flushList() {
      flushItem()
      guard !listItems.isEmpty else { return }
      blocks.append(.list(ordered: listOrdered, items: listItems))
      listItems = []
    }

    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingLeadingSpaces
      let indentWidth = line.count - trimmed.count
      if trimmed.hasPrefix("```") {
        flushParagraph()
        flushList()
        var code: [String] = []
        index += 1
        while index < lines.count, !lines[index].trimmingLeadingSpaces.hasPrefix("```") {
          code.append(lines[index])
          index += 1
        }
        blocks.append(.code(code.joined(separator: "\n")))
        index += 1
        continue
      }
      if trimmed.isEmpty {
        flushParagraph()
        flushList()
      } else if let (level, rest) = heading(trimmed) {
        flushParagraph()
        flushList()
        blocks.append(
          .heading(level: level, state.parseLines([(index, rest)], columnOffset: line.count - rest.count)))
      } else if let (ordered, rest) = listMarker(trimmed) {
        flushParagraph()
        if !listItems.isEmpty || !listItemLines.isEmpty, ordered != listOrdered { flushList() }
        flushItem()
        listOrdered = ordered
        listItemLines = [(index, String(repeating: " ", count: line.count - rest.count) + rest)]
      } else if !listItemLines.isEmpty, indentWidth > 0 {
        listItemLines.append((index, line))
      } else {
        flushList()
        paragraph.append((index, line))
      }
      index += 1
    }
    flushParagraph()
    flushList()
    return Result(text: DocText(blocks: blocks), unresolved: state.unresolved)
  }

  private static func heading(_ line: String) -> (Int, String)? {
    let hashes = line.prefix { $0 == "#" }.count
    guard (1...4).contains(hashes) else { return nil }
    let rest = line.dropFirst(hashes)
    guard rest.first == " " else { return nil }
    return (hashes, String(rest.dropFirst()))
  }

  private static func listMarker(_ line: String) -> (Bool, String)? {
    if let first = line.first, first == "-" || first == "*" || first == "+", line.dropFirst().first == " " {
      return (false, String(line.dropFirst(2)))
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 9 else { return nil }
    let rest = line.dropFirst(digits.count)
    guard rest.first == "." || rest.first == ")", rest.dropFirst().first == " " else { return nil }
    return (true, String(rest.dropFirst(2)))
  }
}

/// The inline half of ``DocMarkdownParser``: code spans, emphasis, links and references.
private struct InlineParser {
  let resolve: (String) -> DocLink?
  var unresolved: [DocMarkdownParser.UnresolvedReference] = []

  init(resolve: @escaping (String) -> DocLink?) { self.resolve = resolve }

  /// Parses lines that form one paragraph or item, joined by single spaces.
  mutating func parseLines(_ lines: [(line: Int, text: String)], columnOffset: Int = 0) -> [DocInline] {
    var characters: [Character] = []
    var positions: [(line: Int, column: Int)] = []
    for (offset, entry) in lines.enumerated() {
      if offset > 0 {
        characters.append(" ")
        positions.append((entry.line, 0))
      }
      let text = entry.text.trimmingLeadingSpaces
      let lead = (offset == 0 ? columnOffset : 0) + entry.text.count - text.count
      for (column, character) in text.enumerated() {
        characters.append(character)
        positions.append((entry.line, lead + column))
      }
    }
    while characters.last == " " {
      characters.removeLast()
      positions.removeLast()
    }
    return merge(parse(characters[...], positions))
  }

  private mutating func parse(_ text: ArraySlice<Character>, _ positions: [(line: Int, column: Int)])
    -> [DocInline]
  {
    var result: [DocInline] = []
    var buffer = ""
    var i = text.startIndex
    func flush() {
      if !buffer.isEmpty { result.append(.text(buffer)) }
      buffer = ""
    }
    while i < text.endIndex {
      let c = text[i]
      if c == "\\", i + 1 < text.endIndex, text[i + 1].isASCII,
        text[i + 1].isPunctuation || text[i + 1].isSymbol
      {
        buffer.append(text[i + 1])
        i += 2
        continue
      }
      if c == "&", let (decoded, length) = InlineParser.entity(text[i...]) {
        buffer.append(decoded)
        i += length
        continue
      }
      if c == "`" {
        let run = text[i...].prefix { $0 == "`" }.count
        if let close = findRun(text, from: i + run, character: "`", length: run) {
          flush()
          var code = String(text[(i + run)..<close])
          if code.count >= 2, code.first == " ", code.last == " " {
            code = String(code.dropFirst().dropLast())
          }
          result.append(.code(code))
          i = close + run
          continue
        }
        buffer.append(contentsOf: String(repeating: "`", count: run))
        i += run
        continue
      }
      if c == "*" || c == "_" {
        let double = i + 1 < text.endIndex && text[i + 1] == c
        let length = double ? 2 : 1
        let opensWord = i == text.startIndex || !(text[i - 1].isLetter || text[i - 1].isNumber) || c == "*"
        if opensWord, i + length < text.endIndex, text[i + length] != " ",
          let close = findDelimiter(text, from: i + length, character: c, length: length)
        {
          flush()
          let inner = parse(text[(i + length)..<close], positions)
          result.append(double ? .strong(inner) : .emphasis(inner))
          i = close + length
          continue
        }
        buffer.append(c)
        i += 1
        continue
      }
      if c == "[", let close = text[(i + 1)...].firstIndex(of: "]") {
        let label = text[(i + 1)..<close]
        if close + 1 < text.endIndex, text[close + 1] == "(",
          let end = InlineParser.closingParenthesis(text, from: close + 2)
        {
          let url = String(text[(close + 2)..<end]).trimmingCharacters(in: " ")
          let inner = parse(label, positions)
          flush()
          if InlineParser.isAllowedURL(url) {
            result.append(.link(inner, url: url))
          } else {
            result.append(contentsOf: inner)
          }
          i = end + 1
          continue
        }
        let name = String(label)
        if InlineParser.isReferenceName(name) {
          flush()
          let target = resolve(name)
          if target == nil {
            let position = positions[i]
            unresolved.append(.init(name: name, line: position.line, column: position.column))
          }
          result.append(.reference(name, target: target))
          i = close + 1
          continue
        }
      }
      buffer.append(c)
      i += 1
    }
    flush()
    return result
  }

  private func findRun(_ text: ArraySlice<Character>, from start: Int, character: Character, length: Int)
    -> Int?
  {
    var j = start
    while j < text.endIndex {
      if text[j] == character {
        let run = text[j...].prefix { $0 == character }.count
        if run == length { return j }
        j += run
      } else {
        j += 1
      }
    }
    return nil
  }

  private func findDelimiter(
    _ text: ArraySlice<Character>, from start: Int, character: Character, length: Int
  )
    -> Int?
  {
    var j = start
    while j + length <= text.endIndex {
      if text[j] == "`", let close = findRun(text, from: j + 1, character: "`", length: 1) {
        j = close + 1
        continue
      }
      let matches = (0..<length).allSatisfy { text[j + $0] == character }
      let followedBySame = j + length < text.endIndex && text[j + length] == character
      let closesWord =
        character == "*" || j + length == text.endIndex
        || !(text[j + length].isLetter || text[j + length].isNumber)
      if matches, !followedBySame, j > start, text[j - 1] != " ", closesWord { return j }
      j += 1
    }
    return nil
  }

  private func merge(_ inlines: [DocInline]) -> [DocInline] {
    var result: [DocInline] = []
    for inline in inlines {
      if case .text(let next) = inline, case .text(let previous)? = result.last {
        result[result.count - 1] = .text(previous + next)
      } else {
        result.append(inline)
      }
    }
    return result
  }

  /// The index of the `)` that closes a link target starting at `start`, allowing nested pairs.
  static func closingParenthesis(_ text: ArraySlice<Character>, from start: Int) -> Int? {
    var depth = 0
    var index = start
    while index < text.endIndex {
      if text[index] == "(" { depth += 1 }
      if text[index] == ")" {
        if depth == 0 { return index }
        depth -= 1
      }
      index += 1
    }
    return nil
  }

  /// `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&#39;` as the character and the entity's length.
  static func entity(_ text: ArraySlice<Character>) -> (Character, Int)? {
    let entities: [(String, Character)] = [
      ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&quot;", "\""), ("&#39;", "'"),
    ]
    for (name, character) in entities where text.starts(with: name) { return (character, name.count) }
    return nil
  }

  /// `Order`, `Order.id`, `common.Money`: identifiers separated by dots.
  static func isReferenceName(_ name: String) -> Bool {
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    return !parts.isEmpty
      && parts.allSatisfy { part in
        guard let first = part.unicodeScalars.first, first.isASCIILetterOrUnderscore else { return false }
        return part.unicodeScalars.allSatisfy { $0.isASCIILetterOrUnderscore || ("0"..."9").contains($0) }
      }
  }

  static func isAllowedURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    guard !url.contains(" "), !url.isEmpty else { return false }
    return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
      || url.hasPrefix("#")
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetterOrUnderscore: Bool {
    ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_"
  }
}

extension String {
  fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }

  fileprivate func trimmingCharacters(in set: Character) -> String {
    var slice = Substring(self)
    while slice.first == set { slice = slice.dropFirst() }
    while slice.last == set { slice = slice.dropLast() }
    return String(slice)
  }
}
