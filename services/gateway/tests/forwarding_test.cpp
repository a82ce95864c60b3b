// Header rewriting toward upstreams and back, the retry policy and the backoff (pure).
#include "forwarding.hpp"

#include <gtest/gtest.h>

#include "retry_policy.hpp"

namespace sp::gateway {
namespace {

using namespace std::chrono_literals;

std::string header(const http::Headers& headers, std::string_view name) {
  std::string out;
  int seen = 0;
  for (const auto& [k, v] : headers) {
    if (k == name) {
      out = v;
      ++seen;
    }
  }
  return seen > 1 ? "<duplicate>" : out;
}

http::TrustedProxies trusted(std::vector<std::string> entries) {
  auto parsed = http::TrustedProxies::parse(entries);
  EXPECT_TRUE(parsed.ok());
  return *parsed;
}

http::Request sample(std::string peer) {
  http::Request r;
  r.method = http::Method::kGet;
  r.target = "/v1/gallery/feed?limit=2";
  r.path = "/v1/gallery/feed";
  r.peer_address = peer;
  r.remote_address = peer;
  r.request_id = "req-1";
  r.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  r.headers = {{"host", "example.org"},
               {"connection", "keep-alive, x-private"},
               {"keep-alive", "timeout=5"},
               {"x-private", "hop"},
               {"te", "trailers"},
               {"upgrade", "h2c"},
               {"accept", "application/json"},
               {"authorization", "Bearer t"},
               {"x-forwarded-for", "203.0.113.9, 10.0.0.2"},
               {"x-forwarded-proto", "https"},
               {"x-request-id", "req-1"},
               {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"},
               {"content-length", "0"}};
  return r;
}

TEST(Forwarding, DropsHopByHopFieldsAndKeepsEndToEndOnes) {
  http::Headers out =
      upstream_request_headers(sample("192.0.2.1"), trusted({}), "a1b2c3d4e5f60718");
  for (std::string_view gone :
       {"connection", "keep-alive", "x-private", "te", "upgrade", "host", "content-length"}) {
    EXPECT_EQ(header(out, gone), "") << gone;
  }
  EXPECT_EQ(header(out, "accept"), "application/json");
  EXPECT_EQ(header(out, "authorization"), "Bearer t");
}

TEST(Forwarding, PassesTheRequestIdAndAChildTraceparentOfTheSameTrace) {
  http::Headers out =
      upstream_request_headers(sample("192.0.2.1"), trusted({}), "a1b2c3d4e5f60718");
  EXPECT_EQ(header(out, "x-request-id"), "req-1");
  // The incoming flags (00: not sampled) survive; the parent is the gateway's span.
  EXPECT_EQ(header(out, "traceparent"), "00-4bf92f3577b34da6a3ce929d0e0e4736-a1b2c3d4e5f60718-00");
}

TEST(Forwarding, AnUntrustedPeerReplacesXForwardedForAndProto) {
  http::Headers out =
      upstream_request_headers(sample("192.0.2.1"), trusted({"10.0.0.0/8"}), "a1b2c3d4e5f60718");
  EXPECT_EQ(header(out, "x-forwarded-for"), "192.0.2.1");
  EXPECT_EQ(header(out, "x-forwarded-proto"), "http");
  EXPECT_EQ(header(out, "x-forwarded-host"), "example.org");
  EXPECT_EQ(edge_client_address(sample("192.0.2.1"), trusted({"10.0.0.0/8"})), "192.0.2.1");
}

TEST(Forwarding, ATrustedPeerHasThePeerAppendedAndItsProtoKept) {
  http::Headers out =
      upstream_request_headers(sample("10.0.0.3"), trusted({"10.0.0.0/8"}), "a1b2c3d4e5f60718");
  EXPECT_EQ(header(out, "x-forwarded-for"), "203.0.113.9, 10.0.0.2, 10.0.0.3");
  EXPECT_EQ(header(out, "x-forwarded-proto"), "https");
  // The client is the first untrusted entry from the right.
  EXPECT_EQ(edge_client_address(sample("10.0.0.3"), trusted({"10.0.0.0/8"})), "203.0.113.9");
}

TEST(Forwarding, WithoutAValidIncomingTraceparentTheTraceIsSampled) {
  http::Request r = sample("192.0.2.1");
  r.headers.emplace_back("x-extra", "1");
  for (auto& [k, v] : r.headers) {
    if (k == "traceparent") v = "junk";
  }
  EXPECT_EQ(header(upstream_request_headers(r, trusted({}), "a1b2c3d4e5f60718"), "traceparent"),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-a1b2c3d4e5f60718-01");
}

TEST(Forwarding, ResponseHeadersLoseHopByHopAndServerWrittenFields) {
  http::Headers out = downstream_response_headers({{"content-type", "application/json"},
                                                   {"etag", "\"x\""},
                                                   {"connection", "close"},
                                                   {"transfer-encoding", "chunked"},
                                                   {"content-length", "12"},
                                                   {"date", "today"},
                                                   {"server", "strangeprompt"},
                                                   {"x-request-id", "req-1"},
                                                   {"traceparent", "00-..."}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(header(out, "content-type"), "application/json");
  EXPECT_EQ(header(out, "etag"), "\"x\"");
}

TEST(RetryPolicy, OnlyIdempotentMethodsAreRetried) {
  for (auto m : {http::Method::kGet, http::Method::kHead, http::Method::kPut, http::Method::kDelete,
                 http::Method::kOptions}) {
    EXPECT_TRUE(is_idempotent(m)) << to_string(m);
  }
  EXPECT_FALSE(is_idempotent(http::Method::kPost));
  EXPECT_FALSE(is_idempotent(http::Method::kPatch));
}

TEST(RetryPolicy, BackoffIsJitteredExponentialAndCapped) {
  RetryOptions o{.retries = 5, .base_delay = 20ms, .max_delay = 100ms};
  EXPECT_EQ(backoff_delay(o, 1, 0.0), 0ms);
  EXPECT_EQ(backoff_delay(o, 1, 0.5), 10ms);
  EXPECT_EQ(backoff_delay(o, 2, 0.5), 20ms);
  EXPECT_EQ(backoff_delay(o, 3, 0.5), 40ms);
  EXPECT_EQ(backoff_delay(o, 4, 0.5), 50ms);  // 160 capped at 100
  EXPECT_EQ(backoff_delay(o, 9, 0.999), 99ms);
  EXPECT_EQ(backoff_delay(o, 40, 0.5), 50ms);  // no overflow far out
}

}  // namespace
}  // namespace sp::gateway
