#pragma once
// The auth service's tunables, read once from the `auth.*` config keys through a SettingsReader
// (a bad value fails start-up naming its key). Defaults make the service work with no
// configuration at all.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/address_throttle.hpp"
#include "logic/login_throttle.hpp"

#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp {
class Config;
class SettingsReader;
}  // namespace sp

namespace sp::auth {

struct AuthSettings {
  std::string issuer = "http://localhost:8080";           // auth.issuer
  std::string audience = "strangeprompt";                 // auth.audience
  std::chrono::seconds access_ttl{600};                   // auth.access_ttl_seconds
  std::chrono::seconds token_leeway{60};                  // auth.token_leeway_seconds (clock skew)
  int64_t refresh_idle_ms = 7LL * 24 * 3600 * 1000;       // auth.refresh_idle_seconds
  int64_t refresh_absolute_ms = 30LL * 24 * 3600 * 1000;  // auth.refresh_absolute_seconds
  // A rotated refresh token presented again this soon answers the same successor instead of
  // revoking its family (a reload that aborted the refresh, two tabs); 0 = off.
  int64_t refresh_reuse_grace_ms = 10'000;               // auth.refresh_reuse_grace_ms
  int64_t reset_token_ttl_ms = 30LL * 60 * 1000;         // auth.reset_token_ttl_seconds
  int64_t verification_ttl_ms = 3LL * 24 * 3600 * 1000;  // auth.email_verification_ttl_seconds
  // Origins allowed to use the refresh cookie (CSRF check); auth.allowed_origins.
  std::vector<std::string> allowed_origins{"http://localhost:8080"};
  // Scopes a new account gets; auth.default_scopes (space-separated).
  std::vector<std::string> default_scopes{"profile:write", "gallery:write", "media:write",
                                          "notifications:read"};
  // argon2id cost and the cap on concurrent hashes: auth.argon2_memory_kib, auth.argon2_ops,
  // auth.max_concurrent_hashes, auth.hash_wait_ms.
  uint64_t argon2_memory_kib = 19 * 1024;
  uint64_t argon2_ops = 2;
  int max_concurrent_hashes = 2;
  std::chrono::milliseconds hash_wait{2000};
  // Encrypts the stored signing keys when set: auth.signing_key_kek or auth.signing_key_kek_file.
  std::optional<std::string> signing_key_kek;
  // The shared secret other services present to POST /internal/v1/auth/introspect
  // (`internal.token` or `internal.token_file`); unset: every introspection call is refused.
  std::optional<std::string> internal_token;
  // How often an unknown token `kid` may trigger a reload of the stored key set.
  std::chrono::seconds key_reload_cooldown{30};
  // Scheduled rotation: a current signing key this old is replaced by the background check;
  // auth.key_rotation_hours (default 30 days), 0 = never (rotate by command only).
  std::chrono::hours key_rotation_period{720};

  ThrottlePolicy account_throttle = ThrottlePolicy::per_account();
  ThrottlePolicy address_throttle = ThrottlePolicy::per_address();
  // Sign-ups and password-forgot requests per client address per hour (and burst):
  // auth.signup_per_address_per_hour, auth.forgot_per_address_per_hour; 0 = unlimited.
  AddressLimits address_limits;
  // Where those per-address counts live: `cache.backend` and `cache.redis.*`
  // (service_cache.hpp); with Redis every replica spends from the same limit.
  cache::RateLimiterOptions limiter;

  // Reads every `auth.*` key; bad ones are recorded in `settings` (and keep their defaults).
  static AuthSettings read(SettingsReader& settings);
  // read() over `config`; kInvalidArgument listing every bad key.
  static Result<AuthSettings> from_config(const Config& config);
  // How long a retired signing key keeps verifying: every token it signed must expire first.
  std::chrono::seconds key_grace() const { return access_ttl + 2 * token_leeway; }
};

}  // namespace sp::auth
