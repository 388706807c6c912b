/// Builds HTML text: the only place that escapes text and attributes and writes tags.
///
/// ```swift
/// var html = HTMLWriter()
/// html.element("code", "a < b")          // <code>a &lt; b</code>
/// html.open("a", ["href": "#Order"]); html.text("Order"); html.close("a")
/// ```
struct HTMLWriter {
  private(set) var output = ""

  /// `<tag a="v">`; attributes are written in the given order and escaped.
  mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    output += "<" + tag
    for (name, value) in attributes {
      guard let value else { continue }
      output += " \(name)=\"\(Self.escapeAttribute(value))\""
    }
    output += ">"
  }

  /// `</tag>`.
  mutating func close(_ tag: String) { output += "</\(tag)>" }

  /// Escaped text.
  mutating func text(_ text: String) { output += Self.escape(text) }

  /// `<tag>text</tag>`.
  mutating func element(_ tag: String, _ text: String) { element(tag, [:], text) }

  /// `<tag …>text</tag>`.
  mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?>, _ text: String) {
    open(tag, attributes)
    self.text(text)
    close(tag)
  }

  /// `<tag …>…</tag>` with content written by `body`.
  mutating func element(
    _ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], body: (inout HTMLWriter) -> Void
  ) {
    open(tag, attributes)
    body(&self)
    close(tag)
  }

  /// Trusted markup produced in this module (the style sheet, the script, the doctype).
  mutating func trusted(_ markup: String) { output += markup }

  /// A line break in the source, for readable output.
  mutating func newline() { output += "\n" }

  /// Escapes `&`, `<`, `>`.
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      default: result.append(character)
      }
    }
    return result
  }

  /// Escapes `&`, `<`, `>`, `"` and `'`.
  static func escapeAttribute(_ text: String) -> String {
    escape(text).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
