#include "strangeprompt/security/random.hpp"

#include <sodium.h>

#include "sodium_init.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::security {

std::string random_bytes(std::size_t n) {
  detail::ensure_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string random_token(std::size_t bytes) {
  return base64url_encode(random_bytes(bytes));
}

}  // namespace sp::security
