#pragma once
// Log-in with a password. Unknown log-in names and wrong passwords get the same error and cost
// the same time (a dummy hash); both count against the log-in throttle.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "logic/access_tokens.hpp"
#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"
#include "logic/login_guard.hpp"
#include "logic/refresh_families.hpp"
#include "logic/signed_in.hpp"

namespace sp::auth {

struct LoginRequest {
  std::string login;  // email or handle
  std::string password;
  std::optional<std::string> device_token{};  // the device cookie, when the client sent one
};

class PasswordLogin {
 public:
  PasswordLogin(const AuthContext& ctx, RefreshFamilies& families, const AccessTokens& access)
      : ctx_(ctx), families_(families), access_(access) {}

  // A new session. kUnauthenticated ("invalid login or password") for an unknown name or a wrong
  // password, kRateLimited while throttled, kUnavailable when the hashing slots stay busy. A hash
  // made with weaker parameters is upgraded on success. A device token trusted for the account
  // is throttled per device (LoginGuard); without one, success issues one (SignedIn::device).
  Result<SignedIn> log_in(const LoginRequest& request, const ClientInfo& client);

 private:
  // Audits a refused attempt and, when `guard` is given, counts it against the throttle.
  Status record_failure(const LoginGuard* guard, std::optional<int64_t> user_id,
                        std::string_view reason, const ClientInfo& client);
  Result<SignedIn> start_session(User user, const LoginGuard& guard, bool trusted,
                                 std::string_view password, const ClientInfo& client);
  // The guard for this attempt: per device when `device_token` is trusted for `user`.
  Result<std::pair<LoginGuard, bool>> guard_for(const std::optional<User>& user,
                                                const std::string& login,
                                                const LoginRequest& request,
                                                const ClientInfo& client) const;
  // The new hash when `user`'s is weaker than the configured cost (best effort).
  std::optional<std::string> upgraded_hash(const User& user, std::string_view password) const;

  const AuthContext& ctx_;
  RefreshFamilies& families_;
  const AccessTokens& access_;
};

}  // namespace sp::auth
