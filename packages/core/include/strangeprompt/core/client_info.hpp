#pragma once
// Who is on the other end of a request, as far as sessions and audit logs care. Plain data so
// logic records it without depending on the HTTP package (http::client_info reads it).
#include <cstddef>
#include <string>

namespace sp {

struct ClientInfo {
  std::string address;     // peer IP (no port)
  std::string user_agent;  // at most kMaxUserAgent bytes, cut on a UTF-8 character boundary
  static constexpr std::size_t kMaxUserAgent = 256;
};

}  // namespace sp
