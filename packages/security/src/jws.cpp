#include "jws.hpp"

#include <sodium.h>

#include "sodium_init.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::security::detail {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::optional<CompactJws> split_compact(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  return CompactJws{token.substr(0, first), token.substr(first + 1, second - first - 1),
                    token.substr(second + 1), token.substr(0, second)};
}

std::string sign_compact(std::string_view header_json, std::string_view payload_json,
                         std::string_view secret_key) {
  std::string token = base64url_encode(header_json);
  token += '.';
  token += base64url_encode(payload_json);
  const std::string signature = ed25519_sign(token, secret_key);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::string ed25519_sign(std::string_view message, std::string_view secret_key) {
  ensure_sodium();
  std::string signature(crypto_sign_BYTES, '\0');
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return {};
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       bytes_of(message), message.size(), bytes_of(secret_key));
  return signature;
}

bool ed25519_verify(std::string_view message, std::string_view signature,
                    std::string_view public_key) {
  ensure_sodium();
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return false;
  }
  return crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(),
                                     bytes_of(public_key)) == 0;
}

bool ed25519_key_pair_matches(std::string_view public_key, std::string_view secret_key) {
  ensure_sodium();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES ||
      secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return false;
  }
  // Re-derive from the seed: the stored public half of the secret key could be tampered with.
  unsigned char derived_pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char derived_sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(derived_pk, derived_sk, bytes_of(secret_key));
  const bool same_public = sodium_memcmp(derived_pk, bytes_of(public_key), sizeof derived_pk) == 0;
  const bool same_secret = sodium_memcmp(derived_sk, bytes_of(secret_key), sizeof derived_sk) == 0;
  sodium_memzero(derived_sk, sizeof derived_sk);
  return same_public && same_secret;
}

}  // namespace sp::security::detail
