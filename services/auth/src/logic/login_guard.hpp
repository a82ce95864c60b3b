#pragma once
// The log-in throttle around one password check: an account (or unknown log-in name) subject and
// the client's address subject. admit() before hashing, then record the outcome in the
// transaction that audits it.
#include <string>

#include "logic/auth_context.hpp"
#include "logic/login_throttle.hpp"

namespace sp::auth {

class LoginGuard {
 public:
  LoginGuard(const AuthContext& ctx, std::string account, std::string address)
      : ctx_(ctx), account_(std::move(account)), address_(std::move(address)) {}

  // kRateLimited (with Retry-After) while either subject must wait, or for a locked account.
  Status admit() const;
  Status record_failure(AuthTransaction& tx) const;
  // Clears the account's consecutive-failure count (the address count only decays).
  Status record_success(AuthTransaction& tx) const;

 private:
  const AuthContext& ctx_;
  std::string account_;
  std::string address_;
};

}  // namespace sp::auth
