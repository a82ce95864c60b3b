#pragma once
// What every auth flow works with: the store, time, ids, settings and the password machinery.
// Plain references, so a test can assemble one from a scratch store and a ManualClock.
#include <functional>
#include <vector>

#include "logic/settings.hpp"
#include "store/auth_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/security/password_hasher.hpp"
#include "strangeprompt/security/password_policy.hpp"

namespace sp::metrics {
class Metrics;
}

namespace sp::auth {

struct AuthContext {
  AuthStore& store;
  const Clock& clock;
  IdGenerator& ids;
  const AuthSettings& settings;
  const security::PasswordHasher& hasher;
  const security::PasswordPolicy& password_policy;
  metrics::Metrics* metrics = nullptr;  // counts audit events when set
  // Told after commit which sessions ended and when (Unix ms), so the in-process authenticator
  // refuses their access tokens at once; other processes learn it from user.session_ended.
  std::function<void(const std::vector<int64_t>& session_ids, int64_t ended_at_ms)>
      sessions_ended{};

  int64_t now_ms() const { return clock.now_ms(); }
};

}  // namespace sp::auth
