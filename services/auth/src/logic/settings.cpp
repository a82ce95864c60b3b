#include "logic/settings.hpp"

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/security/scopes.hpp"
#include "strangeprompt/service/service_cache.hpp"

namespace sp::auth {
namespace {

constexpr std::chrono::hours kYear{24 * 366};

int64_t millis_of_seconds(SettingsReader& r, std::string_view key, int64_t fallback_ms,
                          std::chrono::seconds max = kYear) {
  return std::chrono::milliseconds(
             r.seconds(key, std::chrono::seconds(fallback_ms / 1000), std::chrono::seconds(1), max))
      .count();
}

std::vector<std::string> scopes(SettingsReader& r, std::string_view key,
                                std::vector<std::string> fallback) {
  if (!r.has(key)) return fallback;
  std::vector<std::string> parsed = security::parse_scopes(r.text(key, ""));
  for (const std::string& scope : parsed) {
    if (!security::is_known_scope(scope)) {
      r.reject(key, "unknown scope \"" + scope + "\"");
      return fallback;
    }
  }
  return parsed;
}

}  // namespace

AuthSettings AuthSettings::read(SettingsReader& r) {
  AuthSettings s;
  s.issuer = r.required_text("auth.issuer", s.issuer);
  s.audience = r.required_text("auth.audience", s.audience);
  s.access_ttl = r.seconds("auth.access_ttl_seconds", s.access_ttl, std::chrono::seconds(1),
                           std::chrono::hours(24));
  s.token_leeway = r.seconds("auth.token_leeway_seconds", s.token_leeway, std::chrono::seconds(0),
                             std::chrono::minutes(10));
  s.refresh_idle_ms = millis_of_seconds(r, "auth.refresh_idle_seconds", s.refresh_idle_ms);
  s.refresh_absolute_ms =
      millis_of_seconds(r, "auth.refresh_absolute_seconds", s.refresh_absolute_ms);
  s.refresh_reuse_grace_ms =
      r.millis("auth.refresh_reuse_grace_ms", std::chrono::milliseconds(s.refresh_reuse_grace_ms),
               std::chrono::milliseconds(0), std::chrono::minutes(5))
          .count();
  s.reset_token_ttl_ms = millis_of_seconds(r, "auth.reset_token_ttl_seconds", s.reset_token_ttl_ms);
  s.verification_ttl_ms =
      millis_of_seconds(r, "auth.email_verification_ttl_seconds", s.verification_ttl_ms);
  s.allowed_origins = r.list("auth.allowed_origins", s.allowed_origins);
  s.default_scopes = scopes(r, "auth.default_scopes", s.default_scopes);
  // libsodium's argon2id bounds: at least 8 KiB of memory and 1 pass.
  s.argon2_memory_kib = r.size("auth.argon2_memory_kib", s.argon2_memory_kib, 8, 4 * 1024 * 1024);
  s.argon2_ops = r.size("auth.argon2_ops", s.argon2_ops, 1, 64);
  s.max_concurrent_hashes =
      static_cast<int>(r.integer("auth.max_concurrent_hashes", s.max_concurrent_hashes, 1, 1024));
  s.hash_wait = r.millis("auth.hash_wait_ms", s.hash_wait);
  s.address_limits.signup_per_hour =
      r.integer("auth.signup_per_address_per_hour", s.address_limits.signup_per_hour, 0, 1'000'000);
  s.address_limits.forgot_per_hour =
      r.integer("auth.forgot_per_address_per_hour", s.address_limits.forgot_per_hour, 0, 1'000'000);
  s.limiter = service::rate_limiter_options(r, Clock::system());
  s.signing_key_kek = r.secret("auth.signing_key_kek");
  s.internal_token = r.secret("internal.token");
  if (s.internal_token && s.internal_token->size() < 16) {
    r.reject("internal.token", "must be at least 16 characters");
  }
  s.key_rotation_period = std::chrono::hours(
      r.integer("auth.key_rotation_hours", s.key_rotation_period.count(), 0, 24 * 366 * 10));
  return s;
}

Result<AuthSettings> AuthSettings::from_config(const Config& config) {
  SettingsReader reader(config);
  AuthSettings settings = read(reader);
  SP_TRY(reader.status());
  return settings;
}

}  // namespace sp::auth
