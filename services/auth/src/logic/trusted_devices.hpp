#pragma once
// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// logged in to an account successfully gets an opaque 256-bit token bound to that account,
// stored only as a SHA-256 hash. A log-in to that account presenting it is throttled per device
// (its own failure count and lock), not by the client address nor by the account's count of
// untrusted failures, so an attacker guessing from the same address or locking the account for
// untrusted clients does not lock out the owner's browser.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "logic/auth_context.hpp"

namespace sp::auth {

// How long a device stays trusted after the log-in that issued its cookie.
inline constexpr int64_t kDeviceTrustMs = 180LL * 24 * 3600 * 1000;

struct IssuedDevice {
  std::string token;  // the secret: into the Set-Cookie only
  int64_t expires_at_ms = 0;
};

// Stores a new trusted device for `user_id` inside `tx`.
Result<IssuedDevice> issue_device(AuthTransaction& tx, const AuthContext& ctx, int64_t user_id);
// The device `token` names when it belongs to `user_id` and has not expired; nullopt otherwise
// (unknown, another account's, expired: the client is simply untrusted).
Result<std::optional<TrustedDevice>> trusted_device(const AuthContext& ctx, std::string_view token,
                                                    int64_t user_id);
// Throttle subject of a trusted device.
std::string device_subject(int64_t device_id);

}  // namespace sp::auth
