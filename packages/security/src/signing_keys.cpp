#include "strangeprompt/security/signing_keys.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "jws.hpp"
#include "sodium_init.hpp"
#include "strangeprompt/security/encoding.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::security {
namespace json = boost::json;
namespace {

constexpr int64_t kFormatVersion = 1;

Error malformed(std::string_view what) {
  Error e = Error::invalid("malformed signing key set");
  e.internal = std::string(what);
  return e;
}

Result<KeyPair> key_from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (o == nullptr) return malformed("key is not an object");
  const auto* kid = o->if_contains("kid");
  const auto* pub = o->if_contains("public");
  const auto* sec = o->if_contains("secret");
  const auto* created = o->if_contains("created_at");
  const auto* not_after = o->if_contains("not_after");
  if (!kid || !kid->is_string() || kid->as_string().empty()) return malformed("bad kid");
  if (!pub || !pub->is_string() || !sec || !sec->is_string()) return malformed("bad key bytes");
  if (!created || !created->is_int64() || !not_after || !not_after->is_int64()) {
    return malformed("bad key times");
  }
  KeyPair key;
  key.kid = std::string(kid->as_string());
  auto pub_bytes = base64url_decode(pub->as_string());
  auto sec_bytes = base64url_decode(sec->as_string());
  if (!pub_bytes || !sec_bytes || !detail::ed25519_key_pair_matches(*pub_bytes, *sec_bytes)) {
    return malformed("key pair " + key.kid + " is inconsistent");
  }
  key.public_key = std::move(*pub_bytes);
  key.secret_key = std::move(*sec_bytes);
  key.created_at = created->as_int64();
  key.not_after = not_after->as_int64();
  return key;
}

}  // namespace

KeyPair KeyPair::generate(int64_t now) {
  detail::ensure_sodium();
  KeyPair key;
  key.kid = random_token(12);
  key.public_key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  key.secret_key.assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(reinterpret_cast<unsigned char*>(key.public_key.data()),
                      reinterpret_cast<unsigned char*>(key.secret_key.data()));
  key.created_at = now;
  return key;
}

SigningKeySet SigningKeySet::create(int64_t now) {
  return SigningKeySet({KeyPair::generate(now)});
}

void SigningKeySet::rotate(int64_t now, std::chrono::seconds grace) {
  KeyPair& retiring = keys_.front();
  retiring.not_after = std::min(retiring.not_after, now + grace.count());
  keys_.insert(keys_.begin(), KeyPair::generate(now));
  prune(now);
}

void SigningKeySet::prune(int64_t now) {
  auto expired = [&](const KeyPair& k) { return !k.usable_at(now); };
  keys_.erase(std::remove_if(keys_.begin() + 1, keys_.end(), expired), keys_.end());
}

const KeyPair* SigningKeySet::find(std::string_view kid, int64_t now) const {
  for (const auto& key : keys_) {
    if (key.kid == kid) return key.usable_at(now) ? &key : nullptr;
  }
  return nullptr;
}

std::string SigningKeySet::to_json() const {
  json::array keys;
  for (const auto& k : keys_) {
    keys.push_back(json::object{{"kid", k.kid},
                                {"public", base64url_encode(k.public_key)},
                                {"secret", base64url_encode(k.secret_key)},
                                {"created_at", k.created_at},
                                {"not_after", k.not_after}});
  }
  return json::serialize(json::object{{"version", kFormatVersion}, {"keys", std::move(keys)}});
}

Result<SigningKeySet> SigningKeySet::from_json(std::string_view text) {
  json::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return malformed("not JSON: " + ec.message());
  const auto* o = root.if_object();
  if (o == nullptr) return malformed("not an object");
  const auto* version = o->if_contains("version");
  if (!version || !version->is_int64() || version->as_int64() != kFormatVersion) {
    return malformed("unknown version");
  }
  const auto* keys = o->if_contains("keys");
  if (!keys || !keys->is_array() || keys->as_array().empty()) return malformed("no keys");
  std::vector<KeyPair> parsed;
  for (const auto& v : keys->as_array()) {
    SP_ASSIGN_OR_RETURN(KeyPair key, key_from_json(v));
    for (const auto& other : parsed) {
      if (other.kid == key.kid) return malformed("duplicate kid " + key.kid);
    }
    parsed.push_back(std::move(key));
  }
  return SigningKeySet(std::move(parsed));
}

std::string SigningKeySet::jwks_json(int64_t now) const {
  json::array keys;
  for (const auto& k : keys_) {
    if (!k.usable_at(now)) continue;
    keys.push_back(json::object{{"kty", "OKP"},
                                {"crv", "Ed25519"},
                                {"x", base64url_encode(k.public_key)},
                                {"kid", k.kid},
                                {"use", "sig"},
                                {"alg", "EdDSA"}});
  }
  return json::serialize(json::object{{"keys", std::move(keys)}});
}

}  // namespace sp::security
