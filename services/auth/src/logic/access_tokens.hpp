#pragma once
// Mints the short-lived access JWTs handed out at sign-up, log-in and refresh.
#include <cstdint>
#include <string>

#include "logic/settings.hpp"
#include "store/records.hpp"
#include "strangeprompt/security/token_issuer.hpp"

namespace sp::auth {

struct AccessToken {
  std::string token;
  std::string jti;
  int64_t expires_in_seconds = 0;
};

class AccessTokens {
 public:
  AccessTokens(const security::KeyRing& keys, const Clock& clock, const AuthSettings& settings)
      : issuer_(settings.issuer, keys, clock), settings_(settings) {}

  // A token for `user` carrying all of the user's scopes and its session (`sid`, the refresh
  // family id), so the session's end can revoke it.
  Result<AccessToken> mint(const User& user, int64_t session_id) const;

 private:
  security::TokenIssuer issuer_;
  const AuthSettings& settings_;
};

}  // namespace sp::auth
