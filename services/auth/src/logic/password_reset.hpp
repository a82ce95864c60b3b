#pragma once
// Forgotten passwords: a single-use token, valid for settings.reset_token_ttl_ms, travels to the
// user only inside the user.password_reset_requested event (the notifications service mails it).
#include <string_view>

#include "logic/address_throttle.hpp"
#include "logic/auth_context.hpp"
#include "logic/client_info.hpp"

namespace sp::auth {

class PasswordReset {
 public:
  PasswordReset(const AuthContext& ctx, const AddressThrottle& throttle)
      : ctx_(ctx), throttle_(throttle) {}

  // Publishes a reset token when `email` belongs to an account. Answers the same for unknown
  // emails (no account discovery); at most kMaxLiveTokens unexpired tokens per account, further
  // requests are quietly dropped. kInvalidArgument only for a malformed email; kRateLimited
  // (before any lookup or write) when the client address is over its limit.
  Status request(std::string_view email, const ClientInfo& client);
  // Sets the new password, ends every session, revokes every API key, voids the other reset
  // tokens and clears the log-in throttle. kGone for an unknown, used or expired token;
  // kInvalidArgument when the password breaks the policy.
  Status complete(std::string_view token, std::string_view new_password, const ClientInfo& client);

  static constexpr int64_t kMaxLiveTokens = 3;

 private:
  const AuthContext& ctx_;
  const AddressThrottle& throttle_;
};

}  // namespace sp::auth
