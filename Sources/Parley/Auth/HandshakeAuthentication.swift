/// What a connection's handshake requires for shared-secret authentication, decided once from a
/// configuration (``ServerConfiguration/secret`` or ``ClientConfiguration/secret``, else their
/// text forms).
enum HandshakeAuthentication: Sendable {
  /// No shared secret: the handshake is `hello` → `welcome`.
  case none
  /// A shared secret: the handshake is `hello` → `auth` (challenge) → `auth` (answer) → `welcome`
  /// (server proof).
  case sharedSecret(SharedSecretAuthenticator)
  /// A secret was configured but cannot be used (e.g. too short): every handshake fails with
  /// `UNAUTHENTICATED` rather than silently running without authentication.
  case misconfigured(ParleyError)

  /// The requirement for a server configured with `configuration`.
  init(_ configuration: ServerConfiguration) {
    self.init(
      secret: configuration.secret, text: configuration.sharedSecret, name: "ServerConfiguration.sharedSecret"
    )
  }

  /// The requirement for a client configured with `configuration`.
  init(_ configuration: ClientConfiguration) {
    self.init(secret: configuration.secret, text: configuration.token, name: "ClientConfiguration.token")
  }

  private init(secret: SharedSecret?, text: String?, name: String) {
    if let secret {
      self = .sharedSecret(SharedSecretAuthenticator(secret: secret))
      return
    }
    guard let text else {
      self = .none
      return
    }
    do {
      self = .sharedSecret(SharedSecretAuthenticator(secret: try SharedSecret(bytes: Array(text.utf8))))
    } catch {
      self = .misconfigured(
        ParleyError(.unauthenticated, "\(name) is unusable: \(error)", mayHaveRun: false))
    }
  }

  /// Whether a secret is configured (usable or not).
  var isRequired: Bool {
    if case .none = self { return false }
    return true
  }
}
