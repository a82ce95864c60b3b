#pragma once
// What a successful sign-up, log-in or refresh hands back to the client.
#include <optional>
#include "logic/access_tokens.hpp"

#include "logic/refresh_families.hpp"
#include "logic/trusted_devices.hpp"
#include "store/records.hpp"

namespace sp::auth {

struct SignedIn {
  User user;
  AccessToken access;
  IssuedRefreshToken refresh;
  std::optional<IssuedDevice> device;  // a new device cookie (log-in from an untrusted client)
};

}  // namespace sp::auth
