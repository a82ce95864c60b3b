#include "strangeprompt/service/api_key_introspector.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/rfc3339.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/http/client.hpp"
#include "strangeprompt/security/api_key.hpp"

namespace sp::service {
namespace {

namespace json = boost::json;

constexpr std::string_view kPath = "/internal/v1/auth/introspect";

Error bad_answer(std::string why) {
  Error e = Error::unavailable("API key check unavailable");
  e.internal = "introspection: " + std::move(why);
  return e;
}

IntrospectFetch http_fetch(const IntrospectionOptions& o) {
  http::ClientOptions client_options;
  client_options.connect_timeout = std::min(o.timeout, client_options.connect_timeout);
  client_options.request_timeout = o.timeout;
  client_options.max_response_bytes = 64 * 1024;
  std::shared_ptr<http::HttpClient> client = http::HttpClient::create(client_options);
  std::string url = o.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += kPath;
  return [client, url, token = o.token](std::string_view key) -> Result<std::string> {
    http::ClientRequest request{
        http::Method::kPost,
        url,
        {{"content-type", "application/json"}, {"authorization", "Bearer " + token}},
        JsonObject().string("key", key).str()};
    Result<http::ClientResponse> response = client->send(request);
    if (!response.ok()) return bad_answer("auth unreachable: " + response.error().message);
    if (response->status == 401) {
      log_error("auth", "auth refused this process's internal.token (introspection)");
      return bad_answer("auth refused the internal token");
    }
    if (response->status != 200) {
      return bad_answer("auth answered " + std::to_string(response->status));
    }
    return std::move(response->body);
  };
}

}  // namespace

IntrospectionOptions IntrospectionOptions::read(SettingsReader& settings) {
  IntrospectionOptions o;
  o.url = settings.text("auth.introspection_url", "");
  o.cache_ttl = settings.millis("auth.introspection_cache_ms", o.cache_ttl,
                                std::chrono::milliseconds(0), std::chrono::hours(1));
  o.timeout = settings.millis("auth.introspection_timeout_ms", o.timeout,
                              std::chrono::milliseconds(1), std::chrono::minutes(1));
  std::optional<std::string> token = settings.secret("internal.token");
  if (token) o.token = *token;
  if (!o.url.empty()) {
    if (!o.url.starts_with("http://")) {
      settings.reject("auth.introspection_url", "must be an http:// base URL");
    }
    if (o.token.empty()) {
      settings.reject("internal.token", "must be set when auth.introspection_url is set");
    }
  }
  return o;
}

Result<Introspection> parse_introspection(std::string_view body) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return bad_answer("answer is not a JSON object");
  const json::object& o = v.as_object();
  const json::value* active = o.if_contains("active");
  if (active == nullptr || !active->is_bool()) return bad_answer("answer lacks active");
  Introspection out;
  out.active = active->as_bool();
  if (!out.active) return out;
  const json::value* user = o.if_contains("userId");
  const std::optional<int64_t> user_id =
      user && user->is_string() ? parse_id(user->as_string()) : std::nullopt;
  if (!user_id) return bad_answer("answer lacks userId");
  out.principal.user_id = *user_id;
  out.principal.via_api_key = true;
  if (const json::value* key_id = o.if_contains("keyId"); key_id && key_id->is_string()) {
    out.principal.token_id = std::string(key_id->as_string());
  }
  const json::value* scopes = o.if_contains("scopes");
  if (scopes == nullptr || !scopes->is_array()) return bad_answer("answer lacks scopes");
  for (const json::value& s : scopes->as_array()) {
    if (!s.is_string()) return bad_answer("a scope is not a string");
    out.principal.scopes.emplace_back(s.as_string());
  }
  if (const json::value* expires = o.if_contains("expiresAt"); expires && !expires->is_null()) {
    if (!expires->is_string()) return bad_answer("expiresAt is not a string");
    out.expires_at_ms = parse_rfc3339_ms(expires->as_string());
    if (!out.expires_at_ms) return bad_answer("expiresAt is not RFC 3339");
  }
  return out;
}

struct ApiKeyIntrospector::Parts {
  struct Entry {
    Introspection answer;
    int64_t fetched_at_ms = 0;
  };

  Parts(IntrospectionOptions o, const Clock& c, IntrospectFetch f)
      : options(std::move(o)), clock(c), fetch(f ? std::move(f) : http_fetch(options)) {}

  // Drops expired entries, then (still full) the oldest half. Holds `mutex`.
  void make_room(int64_t now) {
    const int64_t ttl = options.cache_ttl.count();
    std::erase_if(cache, [&](const auto& kv) { return now - kv.second.fetched_at_ms >= ttl; });
    if (cache.size() < options.max_entries) return;
    std::vector<int64_t> ages;
    ages.reserve(cache.size());
    for (const auto& [hash, entry] : cache) ages.push_back(entry.fetched_at_ms);
    std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 2),
                     ages.end());
    const int64_t median = ages[ages.size() / 2];
    std::erase_if(cache, [&](const auto& kv) { return kv.second.fetched_at_ms <= median; });
  }

  IntrospectionOptions options;
  const Clock& clock;
  IntrospectFetch fetch;
  mutable std::mutex mutex;
  std::unordered_map<std::string, Entry> cache;  // by api_key_hash: never the key itself
  std::size_t fetches = 0;
};

ApiKeyIntrospector::ApiKeyIntrospector(IntrospectionOptions options, const Clock& clock,
                                       IntrospectFetch fetch)
    : parts_(std::make_unique<Parts>(std::move(options), clock, std::move(fetch))) {}

ApiKeyIntrospector::~ApiKeyIntrospector() = default;

Result<http::Principal> ApiKeyIntrospector::authenticate(std::string_view key) const {
  const Error invalid = Error::unauthenticated("invalid API key");
  if (!security::parse_api_key(key)) return invalid;  // never worth a call to auth
  const std::string hash = security::api_key_hash(key);
  const auto decide = [&](const Introspection& answer, int64_t now) -> Result<http::Principal> {
    if (!answer.active) return invalid;
    if (answer.expires_at_ms && now >= *answer.expires_at_ms) return invalid;
    return answer.principal;
  };
  const int64_t ttl = parts_->options.cache_ttl.count();
  {
    std::lock_guard lock(parts_->mutex);
    const int64_t now = parts_->clock.now_ms();
    if (auto it = parts_->cache.find(hash); it != parts_->cache.end()) {
      if (now - it->second.fetched_at_ms < ttl) return decide(it->second.answer, now);
      parts_->cache.erase(it);
    }
    ++parts_->fetches;
  }
  SP_ASSIGN_OR_RETURN(std::string body, parts_->fetch(key));
  SP_ASSIGN_OR_RETURN(Introspection answer, parse_introspection(body));
  std::lock_guard lock(parts_->mutex);
  const int64_t now = parts_->clock.now_ms();
  if (ttl > 0) {
    if (parts_->cache.size() >= parts_->options.max_entries) parts_->make_room(now);
    parts_->cache[hash] = Parts::Entry{answer, now};
  }
  return decide(answer, now);
}

std::size_t ApiKeyIntrospector::fetches() const {
  std::lock_guard lock(parts_->mutex);
  return parts_->fetches;
}

}  // namespace sp::service
