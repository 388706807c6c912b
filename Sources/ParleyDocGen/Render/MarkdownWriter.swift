/// Escaping rules for GitHub-flavoured Markdown, in one place.
enum MarkdownWriter {
  /// Text with every character that Markdown or HTML would interpret escaped:
  /// `a <b> & *c*` → `a &lt;b&gt; &amp; \*c\*`.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!": result += "\\" + String(character)
      case "\n": result += " "
      default: result.append(character)
      }
    }
    return result
  }

  /// A code span that survives backticks in `code` (a longer fence) and, in tables, `|`.
  static func code(_ code: String, inTable: Bool = false) -> String {
    var text = code.replacingNewlines
    if inTable {
      text = text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = text.hasPrefix("`") || text.hasSuffix("`") || text.hasPrefix(" ") ? " " : ""
    return fence + pad + text + pad + fence
  }

  /// A fenced code block whose fence is longer than any backtick run inside.
  static func codeBlock(_ code: String, language: String) -> String {
    var longest = 0
    var run = 0
    for character in code {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return fence + language + "\n" + code + "\n" + fence
  }

  /// An HTML anchor GitHub keeps (`<a id="Order.id"></a>`).
  static func anchor(_ id: String) -> String { "<a id=\"\(HTMLWriter.escapeAttribute(id))\"></a>" }
}

extension String {
  fileprivate var replacingNewlines: String {
    split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
  }
}
