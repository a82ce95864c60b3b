#include "strangeprompt/security/jwks_key_resolver.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "jws.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::security {
namespace json = boost::json;
namespace {

bool member_is(const json::object& o, std::string_view name, std::string_view expected) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() && v->as_string() == expected;
}

bool member_absent_or(const json::object& o, std::string_view name, std::string_view expected) {
  return !o.contains(name) || member_is(o, name, expected);
}

int64_t ms(std::chrono::seconds s) {
  return s.count() * 1000;
}

}  // namespace

Result<std::map<std::string, std::string, std::less<>>> parse_jwks(std::string_view text) {
  json::error_code ec;
  const json::value root = json::parse(text, ec);
  const json::value* keys = nullptr;
  if (!ec && root.is_object()) keys = root.as_object().if_contains("keys");
  if (keys == nullptr || !keys->is_array()) {
    Error e = Error::invalid("malformed JWKS");
    e.internal = ec ? "JWKS is not JSON: " + ec.message() : "JWKS has no keys array";
    return e;
  }
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& entry : keys->as_array()) {
    const auto* jwk = entry.if_object();
    if (jwk == nullptr || !member_is(*jwk, "kty", "OKP") || !member_is(*jwk, "crv", "Ed25519") ||
        !member_absent_or(*jwk, "use", "sig") || !member_absent_or(*jwk, "alg", "EdDSA")) {
      continue;
    }
    const auto* kid = jwk->if_contains("kid");
    const auto* x = jwk->if_contains("x");
    if (!kid || !kid->is_string() || kid->as_string().empty() || !x || !x->is_string()) continue;
    auto public_key = base64url_decode(x->as_string());
    if (!public_key || public_key->size() != detail::kEd25519PublicKeyBytes) continue;
    out.emplace(std::string(kid->as_string()), std::move(*public_key));
  }
  return out;
}

JwksKeyResolver::JwksKeyResolver(JwksFetch fetch, const Clock& clock, JwksResolverOptions options)
    : fetch_(std::move(fetch)), clock_(clock), options_(options) {}

std::optional<std::string> JwksKeyResolver::find(std::string_view kid) {
  {
    std::lock_guard lock(mu_);
    const auto it = keys_.find(kid);
    const int64_t now = clock_.now_ms();
    if (!fetch_due(now, it != keys_.end())) {
      if (it == keys_.end()) return std::nullopt;
      return it->second;
    }
    last_attempt_ms_ = now;  // claims the fetch: concurrent callers now see the cooldown
  }
  const Status fetched = fetch_and_store();
  if (!fetched.ok()) {
    log_warn("security", "JWKS refetch failed; keeping cached keys",
             {{"error", fetched.error().message}, {"detail", fetched.error().internal}});
  }
  std::lock_guard lock(mu_);
  const auto it = keys_.find(kid);
  if (it == keys_.end()) return std::nullopt;
  return it->second;
}

Status JwksKeyResolver::refresh() {
  {
    std::lock_guard lock(mu_);
    last_attempt_ms_ = clock_.now_ms();
  }
  return fetch_and_store();
}

std::size_t JwksKeyResolver::cached_key_count() const {
  std::lock_guard lock(mu_);
  return keys_.size();
}

bool JwksKeyResolver::fetch_due(int64_t now_ms, bool kid_known) const {
  const bool stale = !fetched_at_ms_ || now_ms - *fetched_at_ms_ >= ms(options_.max_age);
  if (kid_known && !stale) return false;
  return !last_attempt_ms_ || now_ms - *last_attempt_ms_ >= ms(options_.refetch_cooldown);
}

Status JwksKeyResolver::fetch_and_store() {
  SP_ASSIGN_OR_RETURN(const std::string text, fetch_());  // outside the lock: it may block
  SP_ASSIGN_OR_RETURN(auto keys, parse_jwks(text));
  std::lock_guard lock(mu_);
  keys_ = std::move(keys);
  fetched_at_ms_ = clock_.now_ms();
  return ok_status();
}

}  // namespace sp::security
