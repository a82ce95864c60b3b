#include "auth_runtime.hpp"

#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::auth {
namespace {

security::PasswordHasherOptions hasher_options(const AuthSettings& s) {
  security::PasswordHasherOptions o;
  o.params.iterations = s.argon2_ops;
  o.params.memory_bytes = static_cast<std::size_t>(s.argon2_memory_kib) * 1024;
  o.max_concurrent = s.max_concurrent_hashes;
  o.wait_timeout = s.hash_wait;
  return o;
}

}  // namespace

AuthRuntime::AuthRuntime(db::Database& db, const Clock& clock, AuthSettings settings, uint32_t node,
                         metrics::Metrics* metrics)
    : settings_(std::move(settings)),
      revoked_(clock, settings_.access_ttl + settings_.token_leeway),
      store_(db),
      ids_(clock, node),
      hasher_(hasher_options(settings_)),
      ctx_{store_,
           clock,
           ids_,
           settings_,
           hasher_,
           password_policy_,
           metrics,
           [this](const std::vector<int64_t>& ids, int64_t at_ms) { revoked_.add(ids, at_ms); }},
      families_(ctx_),
      api_keys_(ctx_) {}

Result<std::unique_ptr<AuthRuntime>> AuthRuntime::open(db::Database& db, const Clock& clock,
                                                       AuthSettings settings, uint32_t node,
                                                       metrics::Metrics* metrics) {
  std::unique_ptr<AuthRuntime> rt(new AuthRuntime(db, clock, std::move(settings), node, metrics));
  // In-process (cache.backend = "memory"): each replica counts its own clients (the cap is per
  // replica); on Redis every replica spends from the same limit.
  cache::RateLimiterOptions limiter_options = rt->settings_.limiter;
  limiter_options.clock = &clock;
  limiter_options.redis.metrics = metrics;  // Redis failures and fallback decisions
  SP_ASSIGN_OR_RETURN(std::unique_ptr<cache::RateLimiter> limiter,
                      cache::RateLimiter::create(limiter_options));
  rt->address_throttle_.emplace(std::move(limiter), rt->settings_.address_limits);
  rt->password_reset_.emplace(rt->ctx_, *rt->address_throttle_);
  SP_ASSIGN_OR_RETURN(rt->keys_, StoredKeyRing::open(rt->store_, clock, rt->settings_));
  rt->access_.emplace(rt->keys_->ring(), clock, rt->settings_);
  rt->verifier_.emplace(security::VerifierOptions{.issuer = rt->settings_.issuer,
                                                  .audience = rt->settings_.audience,
                                                  .leeway = rt->settings_.token_leeway},
                        rt->keys_->resolver(), clock);
  rt->accounts_.emplace(rt->ctx_, rt->families_, *rt->access_, *rt->address_throttle_);
  rt->login_.emplace(rt->ctx_, rt->families_, *rt->access_);
  rt->flows_.emplace(AuthFlows{.ctx = rt->ctx_,
                               .accounts = *rt->accounts_,
                               .login = *rt->login_,
                               .sessions = rt->families_,
                               .password_reset = *rt->password_reset_,
                               .api_keys = rt->api_keys_,
                               .access = *rt->access_,
                               .keys = *rt->keys_});
  rt->authenticator_.emplace(*rt->verifier_, rt->api_keys_, rt->revoked_);
  return rt;
}

}  // namespace sp::auth
