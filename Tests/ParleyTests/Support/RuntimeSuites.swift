import Testing

/// Every suite that opens sockets, threads or child processes runs nested in here, one after the
/// other, so that their descriptor counts (`/proc/self/fd`) are not disturbed by each other.
@Suite(.serialized) enum RuntimeSocketSuites {}
