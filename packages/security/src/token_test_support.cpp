#include "token_test_support.hpp"

#include <algorithm>

#include "jws.hpp"
#include "strangeprompt/core/json_text.hpp"

namespace sp::security::testing {

std::string to_json(const Members& members) {
  std::string out = "{";
  for (const auto& [name, raw] : members) {
    if (out.size() > 1) out += ',';
    append_json_string(out, name);
    out += ':';
    out += raw;
  }
  return out + "}";
}

Members with(Members members, std::string_view name, std::string raw_json) {
  for (auto& member : members) {
    if (member.first == name) {
      member.second = std::move(raw_json);
      return members;
    }
  }
  members.emplace_back(std::string(name), std::move(raw_json));
  return members;
}

Members without(Members members, std::string_view name) {
  std::erase_if(members, [&](const auto& m) { return m.first == name; });
  return members;
}

std::string json_str(std::string_view s) {
  return json_quote(s);
}

Members standard_header(std::string_view kid) {
  return {{"alg", json_str("EdDSA")}, {"typ", json_str("at+jwt")}, {"kid", json_str(kid)}};
}

Members standard_claims(int64_t now) {
  return {{"iss", json_str(kIssuer)},        {"aud", json_str(kAudience)},
          {"sub", json_str("4242")},         {"scope", json_str("gallery:write profile:write")},
          {"jti", json_str("jti-1")},        {"iat", std::to_string(now)},
          {"exp", std::to_string(now + 900)}};
}

std::string sign(const Members& header, const Members& payload, std::string_view secret_key) {
  return detail::sign_compact(to_json(header), to_json(payload), secret_key);
}

AccessClaims standard_access_claims() {
  return AccessClaims{"4242", "gallery:write profile:write", std::string(kAudience),
                      std::chrono::minutes(15)};
}

TokenWorld::TokenWorld()
    : ring(SigningKeySet::create(clock.now_seconds())),
      issuer(std::string(kIssuer), ring, clock),
      resolver(ring, clock),
      verifier(VerifierOptions{std::string(kIssuer), std::string(kAudience)}, resolver, clock) {}

std::string TokenWorld::issue(const AccessClaims& claims) const {
  auto issued = issuer.issue(claims);
  return issued.ok() ? issued->token : std::string();
}

std::string TokenWorld::sign_standard(const Members& header, const Members& payload) const {
  return sign(header, payload, current_key().secret_key);
}

}  // namespace sp::security::testing
