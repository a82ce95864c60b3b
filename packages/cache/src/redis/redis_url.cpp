#include "redis_url.hpp"

#include <charconv>

namespace sp::cache::redis {
namespace {

template <typename Int>
bool parse_number(std::string_view text, Int& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size() && !text.empty();
}

}  // namespace

Result<RedisEndpoint> parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return Error::invalid("redis url must start with redis://");
  }
  std::string_view rest = url.substr(kScheme.size());
  RedisEndpoint e;
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
      e.password = std::string(userinfo);  // redis://secret@host: the password alone
    } else {
      e.user = std::string(userinfo.substr(0, colon));
      e.password = std::string(userinfo.substr(colon + 1));
    }
  }
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return Error::invalid("redis url: unclosed [ in host");
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Error::invalid("redis url: bad text after ]");
      port = after.substr(1);
    }
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty()) return Error::invalid("redis url: missing host");
  e.host = std::string(host);
  if (!port.empty() || rest.ends_with(':')) {
    unsigned p = 0;
    if (!parse_number(port, p) || p == 0 || p > 65535) {
      return Error::invalid("redis url: bad port '" + std::string(port) + "'");
    }
    e.port = static_cast<uint16_t>(p);
  }
  if (!path.empty()) {
    if (!parse_number(path, e.db) || e.db < 0) {
      return Error::invalid("redis url: bad database number '" + std::string(path) + "'");
    }
  }
  return e;
}

}  // namespace sp::cache::redis
