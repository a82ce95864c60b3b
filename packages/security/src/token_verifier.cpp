#include "strangeprompt/security/token_verifier.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <optional>

#include "jws.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/scopes.hpp"
#include "verified_token_cache.hpp"

namespace sp::security {
namespace json = boost::json;
namespace {

// Every rejection looks the same to the caller; only the log learns why.
Error reject(std::string reason) {
  return Error{ErrorCode::kUnauthenticated, "invalid token", std::move(reason)};
}

Result<json::object> decode_object(std::string_view segment, std::string_view name) {
  const auto bytes = base64url_decode(segment);
  if (!bytes) return reject(std::string(name) + " is not canonical base64url");
  json::error_code ec;
  json::value v = json::parse(*bytes, ec);  // duplicate members: the last one wins (RFC 7515 §4)
  if (ec) return reject(std::string(name) + " is not JSON: " + ec.message());
  if (!v.is_object()) return reject(std::string(name) + " is not a JSON object");
  return std::move(v.as_object());
}

std::optional<std::string_view> string_member(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string_view(v->as_string());
}

// A NumericDate in whole seconds; fractions and values beyond int64 are not ours.
std::optional<int64_t> seconds_member(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

bool audience_matches(const json::value* aud, std::string_view expected) {
  if (aud == nullptr) return false;
  if (aud->is_string()) return aud->as_string() == expected;
  if (!aud->is_array()) return false;
  for (const auto& entry : aud->as_array()) {
    if (entry.is_string() && entry.as_string() == expected) return true;
  }
  return false;
}

Status check_header(const json::object& header) {
  const auto alg = string_member(header, "alg");
  if (!alg) return reject("alg missing or not a string");
  if (*alg != "EdDSA") return reject("alg is not EdDSA");
  const auto typ = string_member(header, "typ");
  if (!typ || *typ != "at+jwt") return reject("typ is not at+jwt");
  // We understand no extensions, so any critical one must fail (RFC 7515 §4.1.11).
  if (header.contains("crit")) return reject("crit header present");
  return ok_status();
}

// Everything that does not depend on the time: header, signature, iss, aud and the claims'
// shapes. What the time decides is left to check_time_claims().
Result<detail::CachedVerification> verify_signed(std::string_view token,
                                                 const VerifierOptions& options,
                                                 KeyResolver& keys) {
  const auto parts = detail::split_compact(token);
  if (!parts) return reject("not three dot-separated segments");

  SP_ASSIGN_OR_RETURN(const json::object header, decode_object(parts->header, "header"));
  SP_TRY(check_header(header));
  const auto kid = string_member(header, "kid");
  if (!kid || kid->empty()) return reject("kid missing");
  const auto signature = base64url_decode(parts->signature);
  if (!signature || signature->size() != detail::kEd25519SignatureBytes) {
    return reject("signature is not 64 canonical base64url bytes");
  }
  auto public_key = keys.find(*kid);
  if (!public_key) return reject("unknown or retired kid");
  if (!detail::ed25519_verify(parts->signing_input, *signature, *public_key)) {
    return reject("bad signature");
  }

  SP_ASSIGN_OR_RETURN(const json::object claims, decode_object(parts->payload, "payload"));
  const auto iss = string_member(claims, "iss");
  if (!iss || *iss != options.issuer) return reject("wrong iss");
  if (!audience_matches(claims.if_contains("aud"), options.audience)) return reject("wrong aud");
  const auto exp = seconds_member(claims, "exp");
  if (!exp) return reject("exp missing");
  std::optional<int64_t> nbf;
  if (claims.contains("nbf")) {
    nbf = seconds_member(claims, "nbf");
    if (!nbf) return reject("not yet valid (nbf)");
  }
  const auto iat = seconds_member(claims, "iat");
  if (!iat) return reject("iat missing or in the future");
  const auto sub = string_member(claims, "sub");
  if (!sub || sub->empty()) return reject("sub missing");
  const auto jti = string_member(claims, "jti");
  if (!jti || jti->empty()) return reject("jti missing");
  std::optional<std::string_view> sid;
  if (claims.contains("sid")) {
    sid = string_member(claims, "sid");
    if (!sid || sid->empty()) return reject("sid is not a non-empty string");
  }
  std::optional<std::string_view> scope;
  if (claims.contains("scope")) {
    scope = string_member(claims, "scope");
    if (!scope) return reject("scope is not a string");
  }

  detail::CachedVerification verified;
  verified.token.sub = std::string(*sub);
  verified.token.scopes = parse_scopes(scope.value_or(""));
  verified.token.jti = std::string(*jti);
  verified.token.exp = *exp;
  verified.token.kid = std::string(*kid);
  verified.token.sid = std::string(sid.value_or(""));
  verified.public_key = std::move(*public_key);
  verified.nbf = nbf;
  verified.iat = *iat;
  return verified;
}

// exp, nbf and iat against `now`, with the same leeway for a fresh or a remembered verification.
Status check_time_claims(const detail::CachedVerification& v, int64_t now, int64_t leeway) {
  if (now - leeway >= v.token.exp) return reject("expired");
  if (v.nbf && *v.nbf > now + leeway) return reject("not yet valid (nbf)");
  if (v.iat > now + leeway) return reject("iat missing or in the future");
  return ok_status();
}

}  // namespace

TokenVerifier::TokenVerifier(VerifierOptions options, KeyResolver& keys, const Clock& clock)
    : options_(std::move(options)), keys_(keys), clock_(clock) {
  if (options_.cache_entries > 0) {
    cache_ = std::make_unique<detail::VerifiedTokenCache>(options_.cache_entries);
  }
}

TokenVerifier::~TokenVerifier() = default;
TokenVerifier::TokenVerifier(TokenVerifier&&) noexcept = default;

Result<VerifiedToken> TokenVerifier::verify(std::string_view token) const {
  if (token.size() > options_.max_token_bytes) return reject("token too large");
  const int64_t now = clock_.now_seconds();
  const int64_t leeway = options_.leeway.count();
  if (cache_ == nullptr) {
    SP_ASSIGN_OR_RETURN(detail::CachedVerification verified, verify_signed(token, options_, keys_));
    SP_TRY(check_time_claims(verified, now, leeway));
    return std::move(verified.token);
  }

  const detail::TokenDigest digest = detail::token_digest(token);
  if (const auto remembered = cache_->find(digest, now)) {
    // A key removed from the set, or a kid now naming another key, sends the token back through
    // the full check, which gives the answer for the key set as it is now.
    const auto public_key = keys_.find(remembered->token.kid);
    if (public_key && *public_key == remembered->public_key) {
      SP_TRY(check_time_claims(*remembered, now, leeway));
      return remembered->token;
    }
  }
  SP_ASSIGN_OR_RETURN(detail::CachedVerification verified, verify_signed(token, options_, keys_));
  SP_TRY(check_time_claims(verified, now, leeway));
  auto entry = std::make_shared<const detail::CachedVerification>(std::move(verified));
  cache_->insert(digest, entry, now);
  return entry->token;
}

VerifierCacheStats TokenVerifier::cache_stats() const {
  return cache_ == nullptr ? VerifierCacheStats{} : cache_->stats();
}

}  // namespace sp::security
