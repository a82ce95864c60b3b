#pragma once
// The logic the HTTP handlers call: one reference per flow, assembled by AuthRuntime.
#include "logic/access_tokens.hpp"
#include "logic/accounts.hpp"
#include "logic/api_keys.hpp"
#include "logic/auth_context.hpp"
#include "logic/password_login.hpp"
#include "logic/password_reset.hpp"
#include "logic/refresh_families.hpp"
#include "logic/stored_key_ring.hpp"

namespace sp::auth {

struct AuthFlows {
  const AuthContext& ctx;
  Accounts& accounts;
  PasswordLogin& login;
  RefreshFamilies& sessions;
  PasswordReset& password_reset;
  ApiKeys& api_keys;
  const AccessTokens& access;
  StoredKeyRing& keys;
};

}  // namespace sp::auth
