#pragma once
// API keys in a process that does not run the auth service (contract G2): the key is sent to
// auth's POST /internal/v1/auth/introspect (authenticated with the shared `internal.token`) and
// the answer, active or not, is cached per key hash for `auth.introspection_cache_ms`. A key
// revoked at auth therefore stops working here within that TTL (docs/architecture.md). When auth
// cannot be asked (unreachable, refuses our token, answers nonsense) the call fails with
// kUnavailable (503): a key is never accepted without an answer.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp {
class SettingsReader;
}

namespace sp::service {

struct IntrospectionOptions {
  // auth.introspection_url: the auth service's base URL (e.g. http://127.0.0.1:7001); empty: API
  // keys are refused with 401 as before.
  std::string url;
  std::string token;                            // internal.token (or internal.token_file)
  std::chrono::milliseconds cache_ttl{30'000};  // auth.introspection_cache_ms (0 = no cache)
  std::chrono::milliseconds timeout{2'000};     // auth.introspection_timeout_ms
  std::size_t max_entries = 10'000;             // cached keys; the oldest half goes when full

  bool enabled() const { return !url.empty(); }
  // Reads the keys above; `internal.token` is required when the URL is set.
  static IntrospectionOptions read(SettingsReader& settings);
};

// What auth answered for one key.
struct Introspection {
  bool active = false;
  http::Principal principal;             // when active: user, scopes, token_id = key id
  std::optional<int64_t> expires_at_ms;  // the key's own expiry
};

// Parses the body of a 200 answer; kUnavailable when it is not the documented shape.
Result<Introspection> parse_introspection(std::string_view body);

// One call to auth: the raw answer body of a 200, kUnavailable otherwise. Injected in tests.
using IntrospectFetch = std::function<Result<std::string>(std::string_view key)>;

class ApiKeyIntrospector {
 public:
  // `fetch` empty: POST options.url + "/internal/v1/auth/introspect" over HTTP.
  ApiKeyIntrospector(IntrospectionOptions options, const Clock& clock, IntrospectFetch fetch = {});
  ~ApiKeyIntrospector();
  ApiKeyIntrospector(const ApiKeyIntrospector&) = delete;
  ApiKeyIntrospector& operator=(const ApiKeyIntrospector&) = delete;

  // The key's principal (via_api_key); kUnauthenticated ("invalid API key") for a key auth calls
  // inactive or that expired since; kUnavailable when auth could not answer. Blocking, thread-safe.
  Result<http::Principal> authenticate(std::string_view key) const;

  // Calls to auth made so far (tests check the cache with it).
  std::size_t fetches() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace sp::service
