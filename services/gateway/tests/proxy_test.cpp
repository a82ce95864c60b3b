// The gateway as reverse proxy over real sockets: upstream test servers on loopback (the project's
// HTTP server), the gateway service on its own server, HttpClient as the outside client.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/gateway/gateway_service.hpp"
#include "strangeprompt/http/client.hpp"
#include "strangeprompt/http/event_stream.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "strangeprompt/service/service.hpp"

namespace sp::gateway {
namespace {

using namespace std::chrono_literals;
using sp::testing::eventually;

http::ServerOptions loopback(uint16_t port = 0) {
  http::ServerOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  o.io_threads = 1;
  o.worker_threads = 8;
  o.access_log = false;
  o.drain_timeout = 200ms;
  return o;
}

std::string value_of(const http::Request& r, std::string_view name) {
  return std::string(r.header(name));
}

// A service replica: echoes what it received, fails on demand, blocks on demand, streams events.
class FakeUpstream {
 public:
  explicit FakeUpstream(std::string name, uint16_t port = 0) : name_(std::move(name)) {
    auto echo = [this](http::Request& r) {
      hits.fetch_add(1);
      std::string body = "replica=" + name_ + "\nmethod=" + std::string(to_string(r.method)) +
                         "\ntarget=" + r.target + "\nxff=" + value_of(r, "x-forwarded-for") +
                         "\nproto=" + value_of(r, "x-forwarded-proto") +
                         "\ntp=" + value_of(r, "traceparent") +
                         "\nrid=" + value_of(r, "x-request-id") +
                         "\nconnection=" + value_of(r, "connection") + "\nbody=" + r.body;
      return http::Response::text(200, body);
    };
    router_.add(http::Method::kGet, "/v1/gallery/echo", echo);
    router_.add(http::Method::kPost, "/v1/gallery/echo", echo);
    auto flaky = [this](http::Request& r) {
      hits.fetch_add(1);
      if (fail_first.fetch_sub(1) > 0) {
        return http::Response::problem(Error::unavailable("flaky"), r.path);
      }
      return http::Response::text(200, "ok from " + name_);
    };
    router_.add(http::Method::kGet, "/v1/gallery/flaky", flaky);
    router_.add(http::Method::kPost, "/v1/gallery/flaky", flaky);
    router_.add(http::Method::kGet, "/v1/gallery/slow", [this](http::Request&) {
      hits.fetch_add(1);
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, 5s, [this] { return released_; });
      return http::Response::text(200, "slow done");
    });
    router_.add(http::Method::kGet, "/v1/notifications/stream", [this](http::Request&) {
      auto s = std::make_shared<http::EventStream>();
      {
        std::lock_guard lock(mu_);
        stream_ = s;
      }
      return http::Response::event_stream(s);
    });
    start(port);
  }
  ~FakeUpstream() {
    release();
    stop();
  }
  void start(uint16_t port) {
    auto created = http::Server::create(loopback(port), router_, nullptr, nullptr);
    if (!created.ok()) throw std::runtime_error(created.error().message);
    server_ = std::move(*created);
    if (Status s = server_->start(); !s.ok()) throw std::runtime_error(s.error().message);
    port_ = server_->port();
  }
  void stop() {
    if (server_) server_->stop();
    server_.reset();
  }
  void release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  std::shared_ptr<http::EventStream> stream() {
    std::lock_guard lock(mu_);
    return stream_;
  }
  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::atomic<int> hits{0};
  std::atomic<int> fail_first{0};

 private:
  std::string name_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  uint16_t port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool released_ = false;
  std::shared_ptr<http::EventStream> stream_;
};

// `strangeprompt serve --target=gateway` in miniature: the gateway service alone on a server.
class Gateway {
 public:
  explicit Gateway(const std::vector<std::pair<std::string, std::string>>& settings) {
    config_.set("target", "gateway");
    config_.set("gateway.web_dir", (dir_.path() / "no-web").string());
    config_.set("gateway.proxy.retry_base_ms", "1");
    config_.set("gateway.proxy.retry_max_ms", "5");
    for (const auto& [k, v] : settings) config_.set(k, v);
    env_ = std::make_unique<service::ServiceEnv>(
        service::ServiceEnv{config_, clock, dir_.path().string(), &metrics});
    service_ = make_gateway_service(*env_);
    SettingsReader reader(config_);
    service_->read_settings(reader);
    if (!reader.ok()) throw std::runtime_error(reader.status().error().message);
    if (Status s = service_->start(); !s.ok()) throw std::runtime_error(s.error().message);
    service_->register_routes(router_);
    auto created = http::Server::create(loopback(), router_, &metrics, nullptr);
    if (!created.ok()) throw std::runtime_error(created.error().message);
    server_ = std::move(*created);
    if (Status s = server_->start(); !s.ok()) throw std::runtime_error(s.error().message);
  }
  ~Gateway() {
    server_->stop();
    service_->stop();
  }
  std::string url(std::string_view target) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + std::string(target);
  }
  http::ClientResponse call(http::Method method, std::string_view target,
                            http::Headers headers = {}, std::string body = {}) {
    http::ClientRequest r{method, url(target), std::move(headers), std::move(body)};
    auto got = client_->send(r);
    if (!got.ok()) throw std::runtime_error(got.error().message);
    return std::move(*got);
  }
  http::ClientResponse get(std::string_view target, http::Headers headers = {}) {
    return call(http::Method::kGet, target, std::move(headers));
  }

  sp::ManualClock clock;
  metrics::Metrics metrics;

 private:
  sp::testing::TempDir dir_{"sp-gw"};
  Config config_;
  std::unique_ptr<service::ServiceEnv> env_;
  std::unique_ptr<service::Service> service_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

TEST(Proxy, RoutesByServiceAndForwardsTheRequestIdAndTraceparent) {
  FakeUpstream gallery("g1");
  Gateway gw({{"gateway.upstreams.gallery", gallery.url()}});
  auto r = gw.get("/v1/gallery/echo?limit=2&x=%2F",
                  {{"x-request-id", "req-abc"},
                   {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
                   {"connection", "keep-alive"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, "target=/v1/gallery/echo?limit=2&x=%2F")) << r.body;
  EXPECT_TRUE(contains(r.body, "rid=req-abc\n")) << r.body;
  EXPECT_TRUE(contains(r.body, "tp=00-4bf92f3577b34da6a3ce929d0e0e4736-")) << r.body;
  EXPECT_FALSE(contains(r.body, "00f067aa0ba902b7")) << "the gateway is the parent span";
  EXPECT_TRUE(contains(r.body, "connection=\n")) << "hop-by-hop fields are not forwarded";
  EXPECT_EQ(r.header("x-request-id"), "req-abc");
  EXPECT_EQ(r.header("content-type"), "text/plain; charset=utf-8");
  // A service without an upstream is not proxied: the site's 404 (no web app: 503 or 404).
  auto other = gw.get("/v1/auth/login");
  EXPECT_EQ(other.status, 404);
}

TEST(Proxy, PostBodiesArriveWhole) {
  FakeUpstream gallery("g1");
  Gateway gw({{"gateway.upstreams.gallery", gallery.url()}});
  std::string big(300'000, 'x');
  big += "end";
  auto r = gw.call(http::Method::kPost, "/v1/gallery/echo",
                   {{"content-type", "application/octet-stream"}}, big);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "method=POST"));
  EXPECT_TRUE(contains(r.body, "body=" + big));
}

TEST(Proxy, XForwardedForFromAnUntrustedPeerIsReplaced) {
  FakeUpstream gallery("g1");
  Gateway gw(
      {{"gateway.upstreams.gallery", gallery.url()}, {"gateway.trusted_proxies", "10.0.0.0/8"}});
  auto r = gw.get("/v1/gallery/echo",
                  {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-proto", "https"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "xff=127.0.0.1\n")) << r.body;
  EXPECT_TRUE(contains(r.body, "proto=http\n")) << r.body;
}

TEST(Proxy, XForwardedForFromATrustedPeerIsAppendedTo) {
  FakeUpstream gallery("g1");
  Gateway gw(
      {{"gateway.upstreams.gallery", gallery.url()}, {"gateway.trusted_proxies", "127.0.0.1/32"}});
  auto r = gw.get("/v1/gallery/echo",
                  {{"x-forwarded-for", "203.0.113.9"}, {"x-forwarded-proto", "https"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "xff=203.0.113.9, 127.0.0.1\n")) << r.body;
  EXPECT_TRUE(contains(r.body, "proto=https\n")) << r.body;
}

TEST(Proxy, RetriesAFailedGetButNeverAPost) {
  FakeUpstream gallery("g1");
  Gateway gw(
      {{"gateway.upstreams.gallery", gallery.url()}, {"gateway.proxy.breaker_failures", "100"}});
  gallery.fail_first = 1;
  auto get = gw.get("/v1/gallery/flaky");
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(gallery.hits.load(), 2);
  gallery.hits = 0;
  gallery.fail_first = 1;
  auto post = gw.call(http::Method::kPost, "/v1/gallery/flaky");
  EXPECT_EQ(post.status, 503);
  EXPECT_EQ(gallery.hits.load(), 1);
  EXPECT_TRUE(
      contains(gw.metrics.render(), "sp_gateway_upstream_retries_total{upstream=\"gallery\"} 1"));
}

// Concurrent requests move the round robin between a request's attempts; its retry must still
// go to the replica it has not tried (here: the live one), not wherever the counter points.
TEST(Proxy, ARetryGoesToAReplicaTheRequestHasNotTriedUnderConcurrency) {
  uint16_t dead_port;
  {
    FakeUpstream gone("gone");
    dead_port = gone.port();
  }
  FakeUpstream live("live");
  Gateway gw({{"gateway.upstreams.gallery",
               "http://127.0.0.1:" + std::to_string(dead_port) + "," + live.url()},
              {"gateway.proxy.retries", "1"},
              {"gateway.rate_limit.per_second", "0"},
              {"gateway.proxy.breaker_failures", "100000"}});  // never opens: retries alone
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      auto client = http::HttpClient::create();
      for (int i = 0; i < 40; ++i) {
        auto r = client->send({http::Method::kGet, gw.url("/v1/gallery/echo"), {}, {}});
        if (!r.ok() || r->status != 200) ++failed;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(live.hits.load(), 320);
}

TEST(Proxy, AKilledReplicaIsSkippedByItsBreakerAndRejoinsAfterAProbe) {
  FakeUpstream a("a");
  FakeUpstream b("b");
  Gateway gw({{"gateway.upstreams.gallery", a.url() + "," + b.url()},
              {"gateway.proxy.breaker_failures", "2"},
              {"gateway.proxy.breaker_open_ms", "10000"}});
  const uint16_t a_port = a.port();
  a.stop();
  for (int i = 0; i < 10; ++i) {
    auto r = gw.get("/v1/gallery/echo");
    ASSERT_EQ(r.status, 200) << "request " << i << ": " << r.body;
    EXPECT_TRUE(contains(r.body, "replica=b"));
  }
  const std::string a_series =
      "sp_gateway_upstream_breaker_state{upstream=\"gallery\",replica=\"" + a.url() + "\"} ";
  EXPECT_TRUE(contains(gw.metrics.render(), a_series + "1")) << gw.metrics.render();
  // Open: a is not even tried (b's hit count grows by exactly one per request).
  int before = b.hits.load();
  gw.get("/v1/gallery/echo");
  EXPECT_EQ(b.hits.load(), before + 1);

  a.start(a_port);
  gw.clock.advance(10'000ms);  // past the cool-down: the next request to pick a probes it
  bool rejoined = false;
  for (int i = 0; i < 4 && !rejoined; ++i) {
    auto r = gw.get("/v1/gallery/echo");
    ASSERT_EQ(r.status, 200);
    rejoined = contains(r.body, "replica=a");
  }
  EXPECT_TRUE(rejoined);
  EXPECT_TRUE(contains(gw.metrics.render(), a_series + "0"));
}

TEST(Proxy, AnUnreachableUpstreamIs502ThenTheOpenBreakerIs503WithRetryAfter) {
  uint16_t dead_port;
  {
    FakeUpstream gone("gone");
    dead_port = gone.port();
  }
  Gateway gw({{"gateway.upstreams.gallery", "http://127.0.0.1:" + std::to_string(dead_port)},
              {"gateway.proxy.breaker_failures", "3"},
              {"gateway.proxy.breaker_open_ms", "4000"},
              {"gateway.proxy.retries", "0"}});
  for (int i = 0; i < 3; ++i) {
    auto r = gw.get("/v1/gallery/echo");
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_TRUE(contains(r.body, "\"status\":502"));
  }
  auto open = gw.get("/v1/gallery/echo");
  EXPECT_EQ(open.status, 503);
  EXPECT_EQ(open.header("content-type"), "application/problem+json");
  EXPECT_EQ(open.header("retry-after"), "4");
  gw.clock.advance(1'500ms);
  EXPECT_EQ(gw.get("/v1/gallery/echo").header("retry-after"), "3");
  EXPECT_TRUE(contains(
      gw.metrics.render(),
      "sp_gateway_upstream_requests_total{upstream=\"gallery\",outcome=\"breaker_open\"} 2"));
}

TEST(Proxy, ASlowUpstreamIs504) {
  FakeUpstream gallery("g1");
  Gateway gw({{"gateway.upstreams.gallery", gallery.url()},
              {"gateway.proxy.response_timeout_ms", "150"},
              {"gateway.proxy.retries", "0"}});
  auto r = gw.get("/v1/gallery/slow");
  EXPECT_EQ(r.status, 504);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_TRUE(contains(r.body, "did not answer in time"));
}

TEST(Proxy, TheBulkheadRefusesBeyondMaxConcurrentAtOnce) {
  FakeUpstream gallery("g1");
  Gateway gw({{"gateway.upstreams.gallery", gallery.url()}, {"gateway.proxy.max_concurrent", "1"}});
  http::ClientResponse first;
  std::thread t([&] { first = gw.get("/v1/gallery/slow"); });
  ASSERT_TRUE(eventually([&] { return gallery.hits.load() == 1; }));
  auto refused = gw.get("/v1/gallery/echo");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.header("retry-after"), "1");
  EXPECT_EQ(gallery.hits.load(), 1) << "the refused request never reached the upstream";
  gallery.release();
  t.join();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(gw.get("/v1/gallery/echo").status, 200);  // the slot is free again
}

TEST(Proxy, TheEdgeLimitAnswers429WithRetryAfterPerAddress) {
  FakeUpstream gallery("g1");
  Gateway gw({{"gateway.upstreams.gallery", gallery.url()},
              {"gateway.rate_limit.per_second", "1"},
              {"gateway.rate_limit.burst", "2"}});
  EXPECT_EQ(gw.get("/v1/gallery/echo").status, 200);
  EXPECT_EQ(gw.get("/v1/gallery/echo").status, 200);
  auto limited = gw.get("/v1/gallery/echo");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("retry-after"), "1");
  EXPECT_EQ(limited.header("content-type"), "application/problem+json");
  EXPECT_EQ(gallery.hits.load(), 2);
  gw.clock.advance(1'000ms);
  EXPECT_EQ(gw.get("/v1/gallery/echo").status, 200);
}

TEST(Proxy, ServerSentEventsPassThroughLive) {
  FakeUpstream notifications("n1");
  Gateway gw({{"gateway.upstreams.notifications", notifications.url()}});
  auto client = http::HttpClient::create();
  std::mutex mu;
  std::string received;
  std::atomic<bool> ended{false};
  http::BodySink sink;
  sink.on_data = [&](std::string_view piece) {
    std::lock_guard lock(mu);
    received.append(piece);
    return true;
  };
  sink.on_end = [&] { ended = true; };
  auto opened = client->open({http::Method::kGet,
                              gw.url("/v1/notifications/stream"),
                              {{"accept", "text/event-stream"}},
                              {}},
                             sink);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->head.status, 200);
  EXPECT_EQ(opened->head.header("content-type").substr(0, 17), "text/event-stream");
  ASSERT_TRUE(opened->call);
  ASSERT_TRUE(eventually([&] { return notifications.stream() != nullptr; }));
  auto upstream = notifications.stream();
  ASSERT_TRUE(upstream->send(http::sse_message("1", "follow", "{\"a\":1}")));
  // Arrives while the upstream stream is still open: no buffering until the end.
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mu);
    return contains(received, "id: 1\nevent: follow\ndata: {\"a\":1}\n\n");
  }));
  EXPECT_FALSE(ended.load());
  upstream->send(http::sse_message("2", "like", "x"));
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mu);
    return contains(received, "id: 2\n");
  }));
  upstream->close();
  EXPECT_TRUE(eventually([&] { return ended.load(); }));
}

TEST(Proxy, TheClientLeavingEndsTheUpstreamStream) {
  FakeUpstream notifications("n1");
  Gateway gw({{"gateway.upstreams.notifications", notifications.url()}});
  auto client = http::HttpClient::create();
  http::BodySink sink;
  sink.on_data = [](std::string_view) { return true; };
  auto opened = client->open({http::Method::kGet,
                              gw.url("/v1/notifications/stream"),
                              {{"accept", "text/event-stream"}},
                              {}},
                             sink);
  ASSERT_TRUE(opened.ok());
  ASSERT_TRUE(eventually([&] { return notifications.stream() != nullptr; }));
  opened->call->cancel();
  auto upstream = notifications.stream();
  // The gateway notices on its next write and closes its upstream call; the upstream's write
  // then fails and its stream ends.
  EXPECT_TRUE(eventually([&] {
    upstream->send(": ping\n\n");
    return upstream->ended();
  }));
}

}  // namespace
}  // namespace sp::gateway
