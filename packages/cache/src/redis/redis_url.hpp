#pragma once
// redis://[[user]:password@]host[:port][/db] parsed into what a connection needs (pure logic).
#include <cstdint>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::cache::redis {

struct RedisEndpoint {
  std::string host;
  uint16_t port = 6379;
  std::string user;      // empty: AUTH with the password only (Redis < 6 style)
  std::string password;  // empty: no AUTH
  int db = 0;            // SELECT db when not 0
};

// kInvalidArgument naming the bad part; never echoes the password.
Result<RedisEndpoint> parse_redis_url(std::string_view url);

}  // namespace sp::cache::redis
