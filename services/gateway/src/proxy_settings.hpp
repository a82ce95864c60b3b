#pragma once
// The gateway's reverse-proxy settings (contract G1; defaults in services/gateway/README.md).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "upstream.hpp"

namespace sp {
class SettingsReader;
}

namespace sp::gateway {

// The /v1/<segment>/ services the gateway can proxy, and the process target serving each.
struct ProxiedService {
  std::string_view segment;  // "profiles"
  std::string_view target;   // "profile"
};
const std::vector<ProxiedService>& proxied_services();

struct EdgeLimit {
  int64_t per_second = 100;  // 0 = no edge limit
  int64_t burst = 200;
};

struct ProxySettings {
  std::vector<UpstreamOptions> upstreams;  // configured and not served in this process
  std::vector<std::string> trusted_proxies;
  EdgeLimit edge_limit;
  std::size_t max_body_bytes = 32 * 1024 * 1024;
};

// gateway.upstreams.<segment> (comma list or array of base URLs), gateway.trusted_proxies,
// gateway.proxy.* (defaults for every upstream) and gateway.proxy.<segment>.* (overrides),
// gateway.rate_limit.*. A service whose target runs in this process (`target`) is not proxied.
ProxySettings read_proxy_settings(SettingsReader& settings);

}  // namespace sp::gateway
