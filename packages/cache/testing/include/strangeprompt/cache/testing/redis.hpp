#pragma once
// Test support for suites that run against Redis. The shared server comes from the `redis` CTest
// fixture (cmake/Redis.cmake) or from SP_TEST_REDIS_URL; tests that stop Redis start a private
// server of their own (RedisTestServer) so the shared one never goes away.
#include <optional>
#include <string>

namespace sp::cache::testing {

// SP_TEST_REDIS_URL, else the first line of the file named by SP_TEST_REDIS_URL_FILE, else
// nullopt (tests then GTEST_SKIP). Throws std::runtime_error when the file is named but missing
// or empty: a broken fixture must fail the tests, not skip them.
std::optional<std::string> redis_url_for_tests();

// Why Redis tests cannot run here, or nullopt.
std::optional<std::string> redis_unavailable_reason();

// A key prefix unique across processes and calls ("t:<pid>:<n>:<random>:"), so tests sharing
// one server never see each other's keys.
std::string unique_key_prefix();

// A private throwaway Redis (scripts/redis-test-server) in a fresh temp dir, stopped and removed
// on destruction. kill() crashes it (SIGKILL); start() brings it back on the same port.
class RedisTestServer {
 public:
  RedisTestServer();  // starts it; throws std::runtime_error when it cannot
  ~RedisTestServer();
  RedisTestServer(const RedisTestServer&) = delete;
  RedisTestServer& operator=(const RedisTestServer&) = delete;

  const std::string& url() const { return url_; }
  void kill();
  void start();

 private:
  std::string dir_;
  std::string url_;
};

}  // namespace sp::cache::testing
