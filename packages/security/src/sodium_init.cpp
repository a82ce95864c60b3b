#include "sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace sp::security::detail {

void ensure_sodium() {
  static const bool initialised = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
    return true;
  }();
  (void)initialised;
}

}  // namespace sp::security::detail
