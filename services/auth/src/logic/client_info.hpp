#pragma once
// Who is on the other end of a request, as far as sessions and the audit log care.
#include <string>

namespace sp::auth {

struct ClientInfo {
  std::string address;     // peer IP
  std::string user_agent;  // truncated to kMaxUserAgent bytes
  static constexpr std::size_t kMaxUserAgent = 256;
};

}  // namespace sp::auth
