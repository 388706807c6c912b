/// The output file name for a contract, repeated from `OutputLayout.fileName(forSourcePath:)` in
/// `Sources/ParleySwiftGen/Output/OutputLayout.swift` (a plugin cannot link the compiler's
/// modules): the `.ipc` extension is dropped, `/` becomes `_`, `.swift` is appended.
///
/// `shop/orders.ipc` → `shop_orders.swift`. The plugin declares this name as the build command's
/// output and `parley generate` writes the same name; a mismatch fails the build loudly with a
/// missing output, never silently.
enum OutputFileName {
  /// The output name for `relativePath` (relative to the target folder, normalized).
  static func forContract(atRelativePath relativePath: String) -> String {
    let stem = relativePath.hasSuffix(".ipc") ? String(relativePath.dropLast(4)) : relativePath
    return stem.replacing("/", with: "_") + ".swift"
  }
}
