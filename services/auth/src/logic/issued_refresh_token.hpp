#pragma once
// A refresh token as handed to the client.
#include <cstdint>
#include <string>

namespace sp::auth {

struct IssuedRefreshToken {
  std::string token;  // the secret; goes to the client once and is never stored or logged
  int64_t family_id = 0;
  int64_t expires_at_ms = 0;  // idle expiry, capped by the family's absolute expiry
};

}  // namespace sp::auth
