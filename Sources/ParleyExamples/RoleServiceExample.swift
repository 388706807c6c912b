import Parley

/// The example `RoleService`: `usr_1` is a customer and an admin, `usr_2` a customer; anyone else
/// has no roles. Granting needs an admin, which the demo caller never is.
struct RoleServiceExample: ShopRoles.RoleServiceHandler {
  func rolesOf(_ request: ShopRoles.RolesRequest, call: IncomingCall) async throws -> ShopRoles.RoleAssignment
  {
    switch request.userId.rawValue {
    case "usr_1": return ShopRoles.RoleAssignment(userId: request.userId, roles: [.customer, .admin])
    case "usr_2": return ShopRoles.RoleAssignment(userId: request.userId, roles: [.customer])
    default: return ShopRoles.RoleAssignment(userId: request.userId, roles: [])
    }
  }

  func grant(_ request: ShopRoles.RoleAssignment, call: IncomingCall) async throws {
    throw ShopCommon.PermissionDenied(action: "grant roles to \(request.userId.rawValue)")
  }
}
