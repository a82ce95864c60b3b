#include "strangeprompt/security/key_resolver.hpp"

namespace sp::security {

std::optional<std::string> LocalKeyResolver::find(std::string_view kid) {
  const auto keys = keys_.snapshot();
  const KeyPair* key = keys->find(kid, clock_.now_seconds());
  if (key == nullptr) return std::nullopt;
  return key->public_key;
}

}  // namespace sp::security
