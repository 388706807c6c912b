/// A handler for a `stream` method: writes encoded items into `writer`, then returns to end the
/// stream normally or throws to end it with an error (mapped like a ``MethodHandler``'s errors).
///
/// ```swift
/// registration.stream("countTo") { call, writer in
///   for n in 1...3 { try await writer.send(Array("\(n)".utf8)) }
/// }
/// ```
public typealias StreamHandler = @Sendable (IncomingCall, StreamWriter) async throws -> Void
