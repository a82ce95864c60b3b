#pragma once
// Cryptographically secure randomness (the OS generator, via libsodium).
#include <cstddef>
#include <string>

namespace sp::security {

// `n` random bytes.
std::string random_bytes(std::size_t n);
// `bytes` random bytes as base64url without padding: 32 bytes -> 43 characters. For refresh
// tokens, reset links, ids that must not be guessable.
std::string random_token(std::size_t bytes = 32);

}  // namespace sp::security
