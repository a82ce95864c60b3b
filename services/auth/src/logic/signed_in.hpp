#pragma once
// What a successful sign-up, log-in or refresh hands back to the client.
#include "logic/access_tokens.hpp"
#include "logic/refresh_families.hpp"
#include "store/records.hpp"

namespace sp::auth {

struct SignedIn {
  User user;
  AccessToken access;
  IssuedRefreshToken refresh;
};

}  // namespace sp::auth
