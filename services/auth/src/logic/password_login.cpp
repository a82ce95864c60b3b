#include "logic/password_login.hpp"

#include "logic/audit_trail.hpp"
#include "logic/identity_rules.hpp"
#include "logic/login_guard.hpp"
#include "logic/trusted_devices.hpp"
#include "strangeprompt/core/log.hpp"

namespace sp::auth {

Result<SignedIn> PasswordLogin::log_in(const LoginRequest& request, const ClientInfo& client) {
  const std::string login = normalise_login(request.login);
  SP_ASSIGN_OR_RETURN(std::optional<User> user, ctx_.store.find_user_by_login(login));
  const std::optional<int64_t> user_id = user ? std::optional(user->id) : std::nullopt;
  SP_ASSIGN_OR_RETURN(auto guarded, guard_for(user, login, request, client));
  const auto& [guard, trusted] = guarded;
  if (Status admitted = guard.admit(); !admitted.ok()) {
    SP_TRY(record_failure(nullptr, user_id, "throttled", client));
    return std::move(admitted).error();
  }
  bool matches = false;
  if (user) {
    SP_ASSIGN_OR_RETURN(matches, ctx_.hasher.verify(request.password, user->password_hash));
  } else {
    SP_TRY(ctx_.hasher.dummy_verify(request.password));  // same cost: no account discovery
  }
  if (!matches) {
    SP_TRY(record_failure(&guard, user_id, user ? "wrong_password" : "unknown_login", client));
    return Error::unauthenticated("invalid login or password");
  }
  return start_session(std::move(*user), guard, trusted, request.password, client);
}

Result<std::pair<LoginGuard, bool>> PasswordLogin::guard_for(const std::optional<User>& user,
                                                             const std::string& login,
                                                             const LoginRequest& request,
                                                             const ClientInfo& client) const {
  if (user && request.device_token) {
    SP_ASSIGN_OR_RETURN(auto device, trusted_device(ctx_, *request.device_token, user->id));
    if (device) return std::pair(LoginGuard::for_device(ctx_, device_subject(device->id)), true);
  }
  return std::pair(LoginGuard(ctx_, user ? account_subject(user->id) : login_subject(login),
                              address_subject(client.address)),
                   false);
}

Status PasswordLogin::record_failure(const LoginGuard* guard, std::optional<int64_t> user_id,
                                     std::string_view reason, const ClientInfo& client) {
  const auto record = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    if (guard != nullptr) SP_TRY(guard->record_failure(tx));
    return audit.record(audit::kLogin, Outcome::kFailure, user_id, reason);
  };
  return transact_audited(ctx_, client, record);
}

Result<SignedIn> PasswordLogin::start_session(User user, const LoginGuard& guard, bool trusted,
                                              std::string_view password, const ClientInfo& client) {
  const std::optional<std::string> rehashed = upgraded_hash(user, password);
  IssuedRefreshToken refresh;
  std::optional<IssuedDevice> device;
  const auto start = [&](AuthTransaction& tx, AuditTrail& audit) -> Status {
    SP_TRY(guard.record_success(tx));
    if (!trusted) {
      SP_ASSIGN_OR_RETURN(device, issue_device(tx, ctx_, user.id));
    }
    if (rehashed) SP_TRY(tx.set_password_hash(user.id, *rehashed, ctx_.now_ms()));
    SP_ASSIGN_OR_RETURN(refresh, families_.start(tx, user.id, client));
    return audit.record(audit::kLogin, Outcome::kSuccess, user.id, rehashed ? "hash_upgraded" : "");
  };
  SP_TRY(transact_audited(ctx_, client, start));
  SP_ASSIGN_OR_RETURN(AccessToken access, access_.mint(user, refresh.family_id));
  return SignedIn{
      .user = std::move(user), .access = std::move(access), .refresh = refresh, .device = device};
}

std::optional<std::string> PasswordLogin::upgraded_hash(const User& user,
                                                        std::string_view password) const {
  if (!ctx_.hasher.needs_rehash(user.password_hash)) return std::nullopt;
  auto hash = ctx_.hasher.hash(password);
  if (!hash.ok()) {
    log_warn("auth", "password hash upgrade skipped", {{"reason", hash.error().message}});
    return std::nullopt;
  }
  return std::move(hash).value();
}

}  // namespace sp::auth
