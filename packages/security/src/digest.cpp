#include "strangeprompt/security/digest.hpp"

#include <sodium.h>

#include "sodium_init.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::security {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes_of(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

}  // namespace

std::string sha256(std::string_view data) {
  detail::ensure_sodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(bytes_of(out), bytes_of(data), data.size());
  return out;
}

std::string sha256_hex(std::string_view data) {
  return hex_encode(sha256(data));
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  detail::ensure_sodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
  crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, bytes_of(out));
  sodium_memzero(&state, sizeof state);
  return out;
}

static_assert(sizeof(crypto_hash_sha256_state) <= 128);
static_assert(alignof(crypto_hash_sha256_state) <= 16);

Sha256Stream::Sha256Stream() {
  detail::ensure_sodium();
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

void Sha256Stream::update(std::string_view data) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_), bytes_of(data),
                            data.size());
}

std::string Sha256Stream::finish_hex() {
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), bytes_of(out));
  return hex_encode(out);
}

}  // namespace sp::security
