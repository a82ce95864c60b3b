#pragma once
// A pool of blocking hiredis connections to one Redis server, with connect and command
// timeouts. A connection that fails is closed, never reused. A connection found dead on reuse
// (the server restarted) is replaced and the command sent once more on a fresh one; a failure on
// a fresh connection marks the server down for `retry_interval`, during which calls fail fast
// with kUnavailable, and the next call after it reconnects.
// Creating a pool makes the process ignore SIGPIPE (hiredis writes with write(2)).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "redis_counters.hpp"
#include "redis_url.hpp"
#include "strangeprompt/cache/redis_options.hpp"
#include "strangeprompt/core/result.hpp"

struct redisContext;

namespace sp::cache::redis {

// A Redis reply, copied out of hiredis. Error replies are replies (type kError), not failures:
// only transport problems (down, timeout, pool exhausted) are a failed Result.
struct Reply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  int64_t integer = 0;
  std::vector<Reply> elements;  // kArray

  bool is_error() const { return type == Type::kError; }
};

class Pool {
 public:
  // `use` labels its failure counters ("cache", "limiter", "pubsub"; redis_counters.hpp), written
  // to options.metrics when set.
  Pool(RedisEndpoint endpoint, const RedisOptions& options, std::string use);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Sends one command (its arguments binary-safe) and returns the reply.
  Result<Reply> command(const std::vector<std::string_view>& args);
  // PING; kUnavailable when the server does not answer PONG.
  Status ping();

  const RedisCounters& counters() const { return counters_; }

 private:
  struct Lease {
    redisContext* ctx = nullptr;
    bool fresh = false;  // opened for this call (a failure is the server's, not a stale socket)
  };
  Result<Lease> checkout();
  void checkin(redisContext* ctx);  // healthy: back to idle
  // Failed: closes it and the idle ones; marks Redis down when `down_because` is given.
  void discard(redisContext* ctx, const Error* down_because);
  void mark_down(const Error& why);  // requires mu_; logs the first failure of an outage
  std::string where() const;         // host:port, never the password
  Result<redisContext*> connect();
  Result<Reply> send(redisContext* ctx, const std::vector<std::string_view>& args);

  const RedisEndpoint endpoint_;
  const RedisOptions options_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<redisContext*> idle_;                     // guarded by mu_
  std::size_t open_ = 0;                                // idle + leased; guarded by mu_
  std::chrono::steady_clock::time_point down_until_{};  // guarded by mu_
  bool down_ = false;    // an outage was logged and no command has succeeded since; guarded by mu_
  bool failed_ = false;  // a failure since the last successful connect; guarded by mu_
  RedisCounters counters_;
};

}  // namespace sp::cache::redis
