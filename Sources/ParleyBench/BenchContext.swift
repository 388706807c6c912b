/// What every scenario gets: the options and a private temporary directory for socket files.
struct BenchContext: Sendable {
  var options: BenchOptions
  var directory: String
}
