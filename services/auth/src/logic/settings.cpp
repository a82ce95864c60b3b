#include "logic/settings.hpp"

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::auth {
namespace {

int64_t seconds_to_ms(const Config& config, std::string_view key, int64_t fallback_ms) {
  return config.get_int(key, fallback_ms / 1000) * 1000;
}

}  // namespace

AuthSettings AuthSettings::from_config(const Config& config) {
  AuthSettings s;
  s.issuer = config.get("auth.issuer", s.issuer);
  s.audience = config.get("auth.audience", s.audience);
  s.access_ttl = std::chrono::seconds(config.get_int("auth.access_ttl_seconds", 600));
  s.token_leeway = std::chrono::seconds(config.get_int("auth.token_leeway_seconds", 60));
  s.refresh_idle_ms = seconds_to_ms(config, "auth.refresh_idle_seconds", s.refresh_idle_ms);
  s.refresh_absolute_ms =
      seconds_to_ms(config, "auth.refresh_absolute_seconds", s.refresh_absolute_ms);
  s.reset_token_ttl_ms =
      seconds_to_ms(config, "auth.reset_token_ttl_seconds", s.reset_token_ttl_ms);
  s.verification_ttl_ms =
      seconds_to_ms(config, "auth.email_verification_ttl_seconds", s.verification_ttl_ms);
  if (config.has("auth.allowed_origins"))
    s.allowed_origins = config.get_list("auth.allowed_origins");
  if (config.has("auth.default_scopes")) {
    s.default_scopes = security::parse_scopes(config.get("auth.default_scopes"));
  }
  s.argon2_memory_kib = static_cast<uint64_t>(
      config.get_int("auth.argon2_memory_kib", static_cast<int64_t>(s.argon2_memory_kib)));
  s.argon2_ops =
      static_cast<uint64_t>(config.get_int("auth.argon2_ops", static_cast<int64_t>(s.argon2_ops)));
  s.max_concurrent_hashes =
      static_cast<int>(config.get_int("auth.max_concurrent_hashes", s.max_concurrent_hashes));
  s.hash_wait = std::chrono::milliseconds(config.get_int("auth.hash_wait_ms", 2000));
  s.address_limits.signup_per_hour =
      config.get_int("auth.signup_per_address_per_hour", s.address_limits.signup_per_hour);
  s.address_limits.forgot_per_hour =
      config.get_int("auth.forgot_per_address_per_hour", s.address_limits.forgot_per_hour);
  s.signing_key_kek = config.secret("auth.signing_key_kek");
  s.key_rotation_period =
      std::chrono::hours(config.get_int("auth.key_rotation_hours", s.key_rotation_period.count()));
  return s;
}

}  // namespace sp::auth
