import ParleyFrontEnd

/// Reads files from disk relative to a given directory instead of the process's.
struct LocalFileSystemIn: ContractFileSystem {
  var directory: String

  func contents(of path: String) -> [UInt8]? {
    LocalFileSystem().contents(of: path.hasPrefix("/") ? path : directory + "/" + path)
  }
}
