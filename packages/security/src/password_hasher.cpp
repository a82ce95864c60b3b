#include "strangeprompt/security/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "sodium_init.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::security {
namespace {

Error saturated() {
  Error e = Error::unavailable("too many sign-ins in progress; retry shortly");
  e.internal = "password hashing slots exhausted";
  return e;
}

Result<std::string> hash_now(std::string_view password, const Argon2Params& params) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.iterations,
                            params.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::internal_error("crypto_pwhash_str_alg failed (out of memory?)");
  }
  return std::string(out);
}

bool verify_now(std::string_view password, std::string_view encoded) {
  // libsodium wants a NUL-terminated string of at most STRBYTES - 1 characters.
  if (encoded.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string stored(encoded);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordHasherOptions options) : options_(std::move(options)) {
  detail::ensure_sodium();
  const auto& p = options_.params;
  if (p.iterations < crypto_pwhash_OPSLIMIT_MIN || p.memory_bytes < crypto_pwhash_MEMLIMIT_MIN ||
      p.memory_bytes > crypto_pwhash_MEMLIMIT_MAX) {
    throw std::invalid_argument("argon2id parameters out of libsodium's range");
  }
  if (!options_.slots) options_.slots = std::make_shared<WorkSlots>(options_.max_concurrent);
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  if (password.size() > options_.max_password_bytes) {
    return Error::invalid("the password is too long");
  }
  auto lease = options_.slots->acquire(options_.wait_timeout);
  if (!lease) return saturated();
  return hash_now(password, options_.params);
}

Result<bool> PasswordHasher::verify(std::string_view password, std::string_view encoded) const {
  if (password.size() > options_.max_password_bytes) return false;
  auto lease = options_.slots->acquire(options_.wait_timeout);
  if (!lease) return saturated();
  return verify_now(password, encoded);
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  if (encoded.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string stored(encoded);
  return crypto_pwhash_str_needs_rehash(stored.c_str(), options_.params.iterations,
                                        options_.params.memory_bytes) != 0;
}

Status PasswordHasher::dummy_verify(std::string_view password) const {
  auto lease = options_.slots->acquire(options_.wait_timeout);
  if (!lease) return saturated();
  std::string target;
  {
    std::lock_guard lock(dummy_mu_);
    if (dummy_hash_.empty()) {
      // A random password nobody knows, hashed with the live parameters so it costs the same.
      SP_ASSIGN_OR_RETURN(dummy_hash_, hash_now(random_token(32), options_.params));
    }
    target = dummy_hash_;
  }
  (void)verify_now(password, target);
  return ok_status();
}

}  // namespace sp::security
