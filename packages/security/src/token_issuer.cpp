#include "strangeprompt/security/token_issuer.hpp"

#include "jws.hpp"
#include "strangeprompt/core/json_text.hpp"
#include "strangeprompt/security/random.hpp"
#include "strangeprompt/security/scopes.hpp"
#include "strangeprompt/security/token_verifier.hpp"

namespace sp::security {
namespace {

void append_member(std::string& out, std::string_view name, std::string_view value) {
  if (out.size() > 1) out += ',';
  append_json_string(out, name);
  out += ':';
  append_json_string(out, value);
}

void append_member(std::string& out, std::string_view name, int64_t value) {
  if (out.size() > 1) out += ',';
  append_json_string(out, name);
  out += ':';
  out += std::to_string(value);
}

}  // namespace

TokenIssuer::TokenIssuer(std::string issuer, const KeyRing& keys, const Clock& clock)
    : issuer_(std::move(issuer)), keys_(keys), clock_(clock) {}

Result<IssuedToken> TokenIssuer::issue(const AccessClaims& claims) const {
  if (claims.sub.empty()) return Error::invalid("token subject is empty");
  if (claims.aud.empty()) return Error::invalid("token audience is empty");
  if (claims.ttl.count() <= 0) return Error::invalid("token lifetime must be positive");
  if (!is_valid_scope_string(claims.scope)) return Error::invalid("token scope is malformed");

  const auto keys = keys_.snapshot();
  const KeyPair& key = keys->current();
  IssuedToken issued;
  issued.jti = random_token(16);
  issued.issued_at = clock_.now_seconds();
  issued.expires_at = issued.issued_at + claims.ttl.count();

  std::string header = "{";
  append_member(header, "alg", "EdDSA");
  append_member(header, "typ", "at+jwt");
  append_member(header, "kid", key.kid);
  header += '}';

  std::string payload = "{";
  append_member(payload, "iss", issuer_);
  append_member(payload, "aud", claims.aud);
  append_member(payload, "sub", claims.sub);
  append_member(payload, "scope", claims.scope);
  if (!claims.sid.empty()) append_member(payload, "sid", claims.sid);
  append_member(payload, "jti", issued.jti);
  append_member(payload, "iat", issued.issued_at);
  append_member(payload, "exp", issued.expires_at);
  payload += '}';

  issued.token = detail::sign_compact(header, payload, key.secret_key);
  if (issued.token.size() > kMaxAccessTokenBytes) return Error::invalid("token too large");
  return issued;
}

}  // namespace sp::security
