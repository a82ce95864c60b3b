#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "strangeprompt/metrics/metrics.hpp"

namespace sp::metrics {
namespace {

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(Metrics, RequestCounterHasRouteMethodStatusLabels) {
  Metrics m;
  m.observe_request("/v1/posts/{id}", "GET", 200, 0.002);
  m.observe_request("/v1/posts/{id}", "GET", 200, 0.004);
  m.observe_request("/v1/posts/{id}", "GET", 404, 0.001);
  std::string text = m.render();
  EXPECT_TRUE(contains(text, "# HELP sp_http_requests_total "));
  EXPECT_TRUE(contains(text, "# TYPE sp_http_requests_total counter\n"));
  EXPECT_TRUE(contains(
      text, "sp_http_requests_total{route=\"/v1/posts/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(
      text, "sp_http_requests_total{route=\"/v1/posts/{id}\",method=\"GET\",status=\"404\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Metrics m;
  m.observe_request("r", "GET", 200, 0.0004);  // first bucket
  m.observe_request("r", "GET", 200, 0.003);   // le 0.005
  m.observe_request("r", "GET", 200, 42);      // only +Inf
  std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE sp_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(
      contains(text, "sp_http_request_duration_seconds_bucket{route=\"r\",le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(
      contains(text, "sp_http_request_duration_seconds_bucket{route=\"r\",le=\"0.0025\"} 1\n"));
  EXPECT_TRUE(
      contains(text, "sp_http_request_duration_seconds_bucket{route=\"r\",le=\"0.005\"} 2\n"));
  EXPECT_TRUE(contains(text, "sp_http_request_duration_seconds_bucket{route=\"r\",le=\"10\"} 2\n"));
  EXPECT_TRUE(
      contains(text, "sp_http_request_duration_seconds_bucket{route=\"r\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(contains(text, "sp_http_request_duration_seconds_count{route=\"r\"} 3\n"));
  EXPECT_TRUE(contains(text, "sp_http_request_duration_seconds_sum{route=\"r\"} 42.003"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics m;
  m.observe_request("a\"b\\c\nd", "GET", 200, 0.1);
  EXPECT_TRUE(contains(m.render(), "route=\"a\\\"b\\\\c\\nd\""));
}

TEST(Metrics, ObservationsFromManyThreadsAreSummed) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) m.observe_request("r", "POST", 201, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  std::string text = m.render();
  EXPECT_TRUE(
      contains(text, "sp_http_requests_total{route=\"r\",method=\"POST\",status=\"201\"} 4000\n"));
  EXPECT_TRUE(contains(text, "sp_http_request_duration_seconds_count{route=\"r\"} 4000\n"));
}

TEST(Metrics, CustomCountersRenderWithTheirLabels) {
  Metrics m;
  m.add_counter("sp_events_appended_total", "topic=\"user.signup\"");
  m.add_counter("sp_events_appended_total", "topic=\"user.signup\"", 2);
  m.add_counter("sp_events_appended_total", "topic=\"gallery.likes\"");
  m.add_counter("sp_plain_total", "", 0.5);
  std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE sp_events_appended_total counter\n"));
  EXPECT_TRUE(contains(text, "sp_events_appended_total{topic=\"user.signup\"} 3\n"));
  EXPECT_TRUE(contains(text, "sp_events_appended_total{topic=\"gallery.likes\"} 1\n"));
  EXPECT_TRUE(contains(text, "sp_plain_total 0.5\n"));
}

TEST(Metrics, GaugesAreReadAtScrapeTime) {
  Metrics m;
  double value = 1;
  m.register_gauge("sp_queue_depth", "Jobs waiting.", [&value] { return value; });
  EXPECT_TRUE(contains(
      m.render(),
      "# HELP sp_queue_depth Jobs waiting.\n# TYPE sp_queue_depth gauge\nsp_queue_depth 1\n"));
  value = 7;
  EXPECT_TRUE(contains(m.render(), "sp_queue_depth 7\n"));
}

TEST(Metrics, LabelledGaugeSeriesShareOneHeader) {
  Metrics m;
  m.register_gauge("sp_lag", "group=\"a.v1\"", "Lag.", [] { return 3.0; });
  m.register_gauge("sp_other", "Other.", [] { return 1.0; });
  m.register_gauge("sp_lag", "group=\"b.v1\"", "Lag.", [] { return 5.0; });
  m.register_gauge("sp_lag", "group=\"a.v1\"", "Lag.", [] { return 4.0; });  // replaces
  EXPECT_TRUE(contains(m.render(),
                       "# HELP sp_lag Lag.\n# TYPE sp_lag gauge\nsp_lag{group=\"a.v1\"} 4\n"
                       "sp_lag{group=\"b.v1\"} 5\n"));
}

TEST(Metrics, EmptyRegistryRendersNothing) {
  Metrics m;
  EXPECT_EQ(m.render(), "");
}

TEST(Metrics, TwoRegistriesOnOneThreadStayApart) {
  Metrics a, b;
  a.observe_request("route-a", "GET", 200, 0.1);
  b.observe_request("route-b", "GET", 200, 0.1);
  a.observe_request("route-a", "GET", 200, 0.1);
  EXPECT_TRUE(contains(a.render(), "route=\"route-a\",method=\"GET\",status=\"200\"} 2\n"));
  EXPECT_FALSE(contains(a.render(), "route-b"));
  EXPECT_FALSE(contains(b.render(), "route-a"));
}

}  // namespace
}  // namespace sp::metrics
