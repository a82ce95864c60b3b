#include "proxy_settings.hpp"

#include <algorithm>

#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/http/client_address.hpp"

namespace sp::gateway {
namespace {

using std::chrono::milliseconds;

bool runs_here(const std::vector<std::string>& targets, std::string_view target) {
  return std::any_of(targets.begin(), targets.end(), [&](const std::string& t) {
    std::string_view name = trim(t);
    return name == "all" || name == target;
  });
}

// A base URL without its trailing '/'; an error message when it is not http://host[:port].
std::string check_base_url(std::string& url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("http://", 0) != 0 || url.size() <= 7) {
    return "\"" + url + "\" is not an http://host:port base URL";
  }
  if (url.find('/', 7) != std::string::npos) return "\"" + url + "\" must not have a path";
  return {};
}

// gateway.proxy.<segment>.<key> when set, else gateway.proxy.<key>, else `fallback`.
std::string key_for(SettingsReader& s, std::string_view segment, std::string_view key) {
  std::string specific = "gateway.proxy." + std::string(segment) + "." + std::string(key);
  if (s.has(specific)) return specific;
  return "gateway.proxy." + std::string(key);
}

}  // namespace

const std::vector<ProxiedService>& proxied_services() {
  static const std::vector<ProxiedService> services{
      {"auth", "auth"},   {"profiles", "profile"},    {"gallery", "gallery"},
      {"media", "media"}, {"analytics", "analytics"}, {"notifications", "notifications"},
  };
  return services;
}

ProxySettings read_proxy_settings(SettingsReader& s) {
  ProxySettings out;
  std::string target_spec = s.text("target", "all");
  if (trim(target_spec).empty()) target_spec = "all";
  const std::vector<std::string> targets = split(target_spec, ',');
  out.trusted_proxies = s.list("gateway.trusted_proxies", {});
  if (auto parsed = http::TrustedProxies::parse(out.trusted_proxies); !parsed.ok()) {
    s.reject("gateway.trusted_proxies", parsed.error().message);
  }
  out.edge_limit.per_second =
      s.integer("gateway.rate_limit.per_second", out.edge_limit.per_second, 0, 1'000'000);
  out.edge_limit.burst = s.integer("gateway.rate_limit.burst", out.edge_limit.burst, 1, 10'000'000);
  out.max_body_bytes = s.size("gateway.proxy.max_body_bytes", out.max_body_bytes, 0,
                              std::size_t{4} * 1024 * 1024 * 1024);
  for (const ProxiedService& svc : proxied_services()) {
    const std::string key = "gateway.upstreams." + std::string(svc.segment);
    if (!s.has(key)) continue;
    std::vector<std::string> replicas = s.list(key, {});
    if (runs_here(targets, svc.target)) continue;  // embedded: served locally as before
    UpstreamOptions u;
    u.service = std::string(svc.segment);
    for (std::string& raw : replicas) {
      std::string url(trim(raw));
      if (url.empty()) continue;
      if (std::string problem = check_base_url(url); !problem.empty()) {
        s.reject(key, problem);
        continue;
      }
      u.replicas.push_back(std::move(url));
    }
    if (u.replicas.empty()) {
      s.reject(key, "needs at least one base URL");
      continue;
    }
    const std::string_view seg = svc.segment;
    u.connect_timeout =
        s.millis(key_for(s, seg, "connect_timeout_ms"), u.connect_timeout, milliseconds(1));
    u.response_timeout =
        s.millis(key_for(s, seg, "response_timeout_ms"), u.response_timeout, milliseconds(1));
    u.retry.retries =
        static_cast<int>(s.integer(key_for(s, seg, "retries"), u.retry.retries, 0, 10));
    u.retry.base_delay = s.millis(key_for(s, seg, "retry_base_ms"), u.retry.base_delay);
    u.retry.max_delay = s.millis(key_for(s, seg, "retry_max_ms"), u.retry.max_delay);
    u.breaker.failure_threshold = static_cast<int>(
        s.integer(key_for(s, seg, "breaker_failures"), u.breaker.failure_threshold, 1, 1'000'000));
    u.breaker.open_for =
        s.millis(key_for(s, seg, "breaker_open_ms"), u.breaker.open_for, milliseconds(1));
    u.max_concurrent = s.size(key_for(s, seg, "max_concurrent"), u.max_concurrent, 1, 1'000'000);
    u.max_response_bytes =
        s.size(key_for(s, seg, "max_response_bytes"), u.max_response_bytes, 1024);
    out.upstreams.push_back(std::move(u));
  }
  return out;
}

}  // namespace sp::gateway
