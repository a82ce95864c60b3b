#pragma once
// A Lua script run with EVALSHA, falling back to EVAL when the server does not know it (first
// use, or after a restart flushed its script cache).
#include <string>
#include <string_view>
#include <vector>

#include "redis_pool.hpp"

namespace sp::cache::redis {

class Script {
 public:
  explicit Script(std::string source);
  Result<Reply> run(Pool& pool, const std::vector<std::string_view>& keys,
                    const std::vector<std::string_view>& args) const;
  const std::string& sha1() const { return sha1_; }

 private:
  std::string source_;
  std::string sha1_;  // lowercase hex
};

}  // namespace sp::cache::redis
