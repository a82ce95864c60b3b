// `cache.backend = "redis"` on the real binary: /readyz checks Redis, and two processes on one
// Redis (two replicas) spend from one rate limit, where in-process limiters would each allow
// their own share. The Redis server is the `redis` ctest fixture's.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "server_process.hpp"
#include "strangeprompt/cache/testing/redis.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

ServerProcessOptions replica_options(const std::string& url, const std::string& prefix) {
  ServerProcessOptions o;
  o.args = {"serve", "--target=auth"};
  o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "19456";
  o.env["STRANGEPROMPT_CACHE__BACKEND"] = "redis";
  o.env["STRANGEPROMPT_CACHE__REDIS__URL"] = url;
  o.env["STRANGEPROMPT_CACHE__REDIS__KEY_PREFIX"] = prefix;
  o.env["STRANGEPROMPT_CACHE__REDIS__COMMAND_TIMEOUT_MS"] = "5000";  // 2 busy cores
  o.env["STRANGEPROMPT_CACHE__REDIS__LIMITER_FAIL_OPEN"] = "false";  // allowed = Redis said so
  o.env["STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR"] = "3";
  return o;
}

class RedisBackend : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = cache::testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
    url_ = *cache::testing::redis_url_for_tests();
    prefix_ = cache::testing::unique_key_prefix();
  }
  http::ClientResponse call(const ServerProcess& server, http::Method method,
                            const std::string& path, std::string body = {}) {
    http::Headers headers;
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    auto r = client_->send({method, server.base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }
  int signup(const ServerProcess& server, const std::string& handle) {
    return call(server, http::Method::kPost, "/v1/auth/signup",
                R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                    R"(","password":"violet-harbor-lantern-42"})")
        .status;
  }

  std::string url_;
  std::string prefix_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_F(RedisBackend, ReadyzChecksTheCache) {
  ServerProcess server(replica_options(url_, prefix_));
  ASSERT_TRUE(server.started()) << server.log();
  auto r = call(server, http::Method::kGet, "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("cache":"ok")"), std::string::npos) << r.body;
}

TEST_F(RedisBackend, TwoProcessesShareOneRateLimit) {
  ServerProcess a(replica_options(url_, prefix_));
  ServerProcess b(replica_options(url_, prefix_));
  ASSERT_TRUE(a.started()) << a.log();
  ASSERT_TRUE(b.started()) << b.log();
  // Three sign-ups per address per hour, spent across both replicas (each has its own database).
  EXPECT_EQ(signup(a, "ada"), 201);
  EXPECT_EQ(signup(b, "bea"), 201);
  EXPECT_EQ(signup(a, "cid"), 201);
  auto refused =
      call(b, http::Method::kPost, "/v1/auth/signup",
           R"({"email":"dot@example.com","handle":"dot","password":"violet-harbor-lantern-42"})");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_EQ(signup(a, "eve"), 429);
}

TEST_F(RedisBackend, AMalformedRedisUrlFailsStartUpNamingTheKey) {
  auto [status, output] =
      run_binary({"serve", "--target=auth"}, {{"STRANGEPROMPT_CACHE__BACKEND", "redis"},
                                              {"STRANGEPROMPT_CACHE__REDIS__URL", "cache:6379"}});
  EXPECT_EQ(status, 2) << output;
  EXPECT_NE(output.find("cache.redis.url"), std::string::npos) << output;
}

// Redis stopped under a running binary (a private server, so the shared one stays up): requests
// are still served, the limiter follows cache.redis.limiter_fail_open, /readyz reports the cache,
// and everything recovers when Redis returns, without a restart.
class RedisOutage : public RedisBackend {
 protected:
  void SetUp() override {
    RedisBackend::SetUp();
    if (IsSkipped()) return;
    redis_ = std::make_unique<cache::testing::RedisTestServer>();
  }
  ServerProcessOptions outage_options(bool fail_open) {
    ServerProcessOptions o = replica_options(redis_->url(), prefix_);
    o.env["STRANGEPROMPT_CACHE__REDIS__LIMITER_FAIL_OPEN"] = fail_open ? "true" : "false";
    o.env["STRANGEPROMPT_CACHE__REDIS__RETRY_INTERVAL_MS"] = "50";
    o.env["STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR"] = "100";
    return o;
  }
  // One series of /metrics (-1 when absent).
  double metric(const ServerProcess& server, const std::string& series) {
    const std::string text = call(server, http::Method::kGet, "/metrics").body;
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }
  bool eventually_ready(const ServerProcess& server) {
    return sp::testing::eventually(
        [&] { return call(server, http::Method::kGet, "/readyz").status == 200; },
        std::chrono::seconds(20));
  }

  std::unique_ptr<cache::testing::RedisTestServer> redis_;
};

TEST_F(RedisOutage, FailClosedRefusesLimitedRoutesUntilRedisReturns) {
  ServerProcess server(outage_options(false));
  ASSERT_TRUE(server.started()) << server.log();
  EXPECT_EQ(signup(server, "before"), 201);
  redis_->kill();
  auto ready = call(server, http::Method::kGet, "/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_NE(ready.body.find(R"("cache":"failing")"), std::string::npos) << ready.body;
  EXPECT_EQ(call(server, http::Method::kGet, "/healthz").status, 200);
  auto refused = call(server, http::Method::kPost, "/v1/auth/signup",
                      R"({"email":"during@example.com","handle":"during",)"
                      R"("password":"violet-harbor-lantern-42"})");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_FALSE(refused.header("retry-after").empty());
  redis_->start();
  ASSERT_TRUE(eventually_ready(server)) << server.log();
  // The limiter's own connections retry after cache.redis.retry_interval_ms (50 ms here): until
  // then a fail-closed limiter still refuses, and nothing is created by a refused sign-up.
  EXPECT_TRUE(sp::testing::eventually([&] { return signup(server, "after") == 201; },
                                      std::chrono::seconds(20)))
      << server.log();
}

TEST_F(RedisOutage, FailOpenKeepsServingWhileRedisIsDown) {
  ServerProcess server(outage_options(true));
  ASSERT_TRUE(server.started()) << server.log();
  redis_->kill();
  EXPECT_EQ(signup(server, "during"), 201);
  EXPECT_EQ(call(server, http::Method::kGet, "/readyz").status, 503);
  redis_->start();
  EXPECT_TRUE(eventually_ready(server)) << server.log();
  EXPECT_NE(server.log().find("redis reachable again"), std::string::npos);
}

// The outage in /metrics: Redis failures per use (the process's cache, auth's limiter, the
// notifications live signals' pub/sub subscriber), the limiter's decisions made without Redis,
// and the reconnects once it is back; every series is there at 0 before anything failed.
TEST_F(RedisOutage, MetricsCountFailuresFallbacksAndReconnects) {
  ServerProcessOptions o = outage_options(false);
  o.args = {"serve", "--target=auth,notifications"};
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();
  const std::string cache_errors = R"(sp_redis_command_errors_total{use="cache"})";
  const std::string limiter_errors = R"(sp_redis_command_errors_total{use="limiter"})";
  const std::string limiter_reconnects = R"(sp_redis_reconnects_total{use="limiter"})";
  const std::string closed = R"(sp_redis_limiter_fallback_total{decision="fail_closed"})";
  const std::string opened = R"(sp_redis_limiter_fallback_total{decision="fail_open"})";
  const std::string pubsub_errors = R"(sp_redis_command_errors_total{use="pubsub"})";
  const std::string pubsub_reconnects = R"(sp_redis_reconnects_total{use="pubsub"})";
  EXPECT_EQ(signup(server, "before"), 201);  // the limiter's pool has a connection
  for (const auto& series :
       {cache_errors, limiter_errors, limiter_reconnects, closed, opened, pubsub_errors,
        pubsub_reconnects, std::string(R"(sp_redis_command_timeouts_total{use="cache"})")}) {
    EXPECT_EQ(metric(server, series), 0) << series;
  }
  redis_->kill();
  EXPECT_EQ(call(server, http::Method::kGet, "/readyz").status, 503);  // the cache's PING fails
  EXPECT_EQ(signup(server, "during1"), 429);
  EXPECT_EQ(signup(server, "during2"), 429);
  EXPECT_GE(metric(server, cache_errors), 1);
  EXPECT_GE(metric(server, limiter_errors), 2);
  EXPECT_EQ(metric(server, closed), 2);
  EXPECT_EQ(metric(server, opened), 0);
  // The subscriber's connection broke: counted by its own thread, so polled.
  EXPECT_TRUE(sp::testing::eventually([&] { return metric(server, pubsub_errors) >= 1; }));
  redis_->start();
  ASSERT_TRUE(sp::testing::eventually([&] { return signup(server, "after") == 201; },
                                      std::chrono::seconds(20)))
      << server.log();
  EXPECT_GE(metric(server, limiter_reconnects), 1);
  EXPECT_TRUE(sp::testing::eventually([&] { return metric(server, pubsub_reconnects) >= 1; },
                                      std::chrono::seconds(20)));
}

}  // namespace
}  // namespace sp::testing
