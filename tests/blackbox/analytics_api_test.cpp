// The analytics API of the real binary over real sockets, on SQLite (embedded) and on PostgreSQL:
// beacons counted end to end (outbox -> event log -> consumer), stats with ETags, the view-count
// event for the gallery, creator stats, trending, the admin-only anomaly list, the consumer lag
// gauge, and problem+json for bad input.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "profile_client.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::testing {
namespace {

using http::Method;

std::string suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

class AnalyticsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ServerProcessOptions o = profile_server_options(GetParam());
    events::EventLogOptions log_options;
    if (GetParam() == "postgres") {
      auto dsn = db::testing::postgres_dsn_for_tests();
      if (!dsn) GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
      const std::string s = suffix();
      for (const char* service : {"AUTH", "PROFILE", "GALLERY", "MEDIA", "ANALYTICS"}) {
        o.env[std::string("STRANGEPROMPT_") + service + "__DB__POSTGRES_SCHEMA"] =
            "bba_" + std::string(service) + "_" + s;
      }
      o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "bba_events_" + s;
      log_options = {
          .backend = "postgres", .postgres_dsn = *dsn, .postgres_schema = "bba_events_" + s};
    }
    server_ = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server_->started()) << server_->log();
    if (GetParam() != "postgres") {
      log_options = {.backend = "embedded", .path = server_->data_dir() + "/events.db"};
    }
    auto log = events::EventLog::open(log_options);
    ASSERT_TRUE(log.ok()) << log.error().message;
    log_ = std::move(*log);
    api_ = std::make_unique<ProfileClient>(*server_);
  }

  http::ClientResponse post_events(const std::string& body, const std::string& token = {}) {
    return api_->call(Method::kPost, "/v1/analytics/events", body, token);
  }
  // gallery.post.published, as the gallery would publish it.
  void publish_post(const std::string& post, const std::string& author) {
    events::Envelope e{.id = "bb-" + suffix(),
                       .type = "gallery.post.published",
                       .version = 1,
                       .occurred_at_ms = Clock::system().now_ms(),
                       .key = post,
                       .data_json = JsonObject()
                                        .string("postId", post)
                                        .string("authorId", author)
                                        .string("title", "Neon fox")
                                        .strings("tags", {"fox", "neon"})
                                        .string("model", "sdxl")
                                        .str()};
    ASSERT_TRUE(log_->append(e.type, post, *e.to_json()).ok());
  }
  static bool eventually(const std::function<bool()>& condition) {
    return sp::testing::eventually(condition);
  }
  static std::string views_body(const std::string& post, int n, const std::string& prefix) {
    std::string body = R"({"events":[)";
    for (int i = 0; i < n; ++i) {
      if (i > 0) body += ",";
      body += R"({"type":"view","postId":")" + post + R"(","visitorId":")" + prefix +
              std::to_string(i) + R"("})";
    }
    return body + "]}";
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<ProfileClient> api_;
};

TEST_P(AnalyticsApi, BeaconsAreCountedEndToEndAndServed) {
  TestUser ann = api_->sign_up("ann_a");
  ASSERT_FALSE(ann.token.empty());
  const std::string post = "7300000000000001";
  publish_post(post, ann.id);
  const std::string stats = "/v1/analytics/posts/" + post + "/stats";
  ASSERT_TRUE(api_->wait_for_status(stats, 200));

  auto r = post_events(views_body(post, 5, "visitor-abcdef-"));
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(json::parse(r.body).at("accepted").as_int64(), 5);
  // A signed-in viewer needs no visitor id; a repeat within 30 minutes counts once.
  const std::string mine = R"({"events":[{"type":"view","postId":")" + post + R"("}]})";
  ASSERT_EQ(post_events(mine, ann.token).status, 202);
  ASSERT_EQ(post_events(mine, ann.token).status, 202);

  ASSERT_TRUE(eventually([&] {
    auto s = api_->get_object(stats);
    return !s.empty() && s.at("views").as_int64() == 6;
  })) << api_->call(Method::kGet, stats).body;
  auto first = api_->call(Method::kGet, stats);
  json::object s = json::parse(first.body).as_object();
  EXPECT_EQ(s.at("postId").as_string(), post);
  EXPECT_EQ(s.at("likes").as_int64(), 0);
  for (const char* w : {"1h", "24h", "7d", "30d"}) {
    EXPECT_EQ(s.at("windows").at(w).at("views").as_int64(), 6) << w;
    EXPECT_EQ(s.at("windows").at(w).at("comments").as_int64(), 0) << w;
  }
  const std::string etag(first.header("etag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(api_->call(Method::kGet, stats, {}, {}, {{"if-none-match", etag}}).status, 304);

  // The gallery's view count arrives as analytics.post_views, coalesced, within about a second.
  int64_t published_views = 0;
  ASSERT_TRUE(eventually([&] {
    auto records = log_->read("analytics.post_views", 0, 1000);
    if (!records.ok()) return false;
    for (const auto& rec : *records) {
      auto e = events::Envelope::parse(rec.payload);
      if (!e.ok()) continue;
      auto data = json::parse(e->data_json).as_object();
      if (data.at("postId").as_string() == post) published_views = data.at("views").as_int64();
    }
    return published_views == 6;
  })) << published_views;

  auto mine_stats =
      api_->call(Method::kGet, "/v1/analytics/creators/me/stats?bucket=hour", {}, ann.token);
  ASSERT_EQ(mine_stats.status, 200) << mine_stats.body;
  json::object c = json::parse(mine_stats.body).as_object();
  EXPECT_EQ(c.at("bucket").as_string(), "hour");
  EXPECT_EQ(c.at("totals").at("views").as_int64(), 6);
  EXPECT_EQ(c.at("series").as_array().size(), 25u);
  ASSERT_EQ(c.at("topPosts").as_array().size(), 1u);
  EXPECT_EQ(c.at("topPosts").at(0).at("postId").as_string(), post);
  EXPECT_EQ(c.at("topPosts").at(0).at("title").as_string(), "Neon fox");
  EXPECT_EQ(api_->call(Method::kGet, "/v1/analytics/creators/me/stats").status, 401);

  auto trending = api_->call(Method::kGet, "/v1/analytics/trending?period=week");
  ASSERT_EQ(trending.status, 200) << trending.body;
  json::object t = json::parse(trending.body).as_object();
  ASSERT_FALSE(t.at("posts").as_array().empty());
  EXPECT_EQ(t.at("posts").at(0).at("postId").as_string(), post);
  EXPECT_EQ(t.at("posts").at(0).at("views").as_int64(), 6);
  EXPECT_EQ(t.at("tags").at(0).at("tag").as_string(), "fox");
  EXPECT_EQ(t.at("models").at(0).at("model").as_string(), "sdxl");
  EXPECT_FALSE(trending.header("etag").empty());

  EXPECT_EQ(api_->call(Method::kGet, "/v1/analytics/anomalies").status, 401);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/analytics/anomalies", {}, ann.token).status, 403);

  auto metrics = api_->call(Method::kGet, "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find(
          R"(sp_events_consumer_lag{group="analytics.view_batches.v1",topic="analytics.view_batch"} 0)"),
      std::string::npos)
      << metrics.body;
}

TEST_P(AnalyticsApi, BadInputIsProblemJsonNamingTheField) {
  const std::string post = "7300000000000002";
  auto too_many = post_events(views_body(post, 101, "visitor-abcdef-"));
  EXPECT_EQ(too_many.status, 400) << too_many.body;
  EXPECT_EQ(too_many.header("content-type"), "application/problem+json");
  EXPECT_EQ(problem_fields(too_many), std::vector<std::string>{"events"});

  auto unknown =
      post_events(R"({"events":[{"type":"hover","postId":"9","visitorId":"visitor-123"}]})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(problem_fields(unknown), std::vector<std::string>{"events.0.type"});
  auto bad_post =
      post_events(R"({"events":[{"type":"view","postId":"abc","visitorId":"visitor-123"}]})");
  EXPECT_EQ(bad_post.status, 400);
  EXPECT_EQ(problem_fields(bad_post), std::vector<std::string>{"events.0.postId"});
  auto anonymous = post_events(R"({"events":[{"type":"view","postId":"9"}]})");
  EXPECT_EQ(anonymous.status, 400);
  EXPECT_EQ(problem_fields(anonymous), std::vector<std::string>{"events.0.visitorId"});
  auto empty = post_events(R"({"events":[]})");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(problem_fields(empty), std::vector<std::string>{"events"});
  auto extra =
      post_events(R"({"events":[{"type":"view","postId":"9","visitorId":"visitor-123","x":1}]})");
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(post_events("not json").status, 400);
  EXPECT_EQ(post_events(std::string(70 * 1024, ' ')).status, 413);

  EXPECT_EQ(api_->call(Method::kGet, "/v1/analytics/posts/abc/stats").status, 404);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/analytics/posts/" + post + "/stats").status, 404);
  auto period = api_->call(Method::kGet, "/v1/analytics/trending?period=year");
  EXPECT_EQ(period.status, 400);
  EXPECT_EQ(problem_fields(period), std::vector<std::string>{"period"});
  TestUser bob = api_->sign_up("bob_a");
  auto bucket =
      api_->call(Method::kGet, "/v1/analytics/creators/me/stats?bucket=minute", {}, bob.token);
  EXPECT_EQ(bucket.status, 400);
  EXPECT_EQ(problem_fields(bucket), std::vector<std::string>{"bucket"});
  auto from =
      api_->call(Method::kGet, "/v1/analytics/creators/me/stats?from=yesterday", {}, bob.token);
  EXPECT_EQ(problem_fields(from), std::vector<std::string>{"from"});
  auto empty_stats = api_->call(Method::kGet, "/v1/analytics/creators/me/stats", {}, bob.token);
  ASSERT_EQ(empty_stats.status, 200);
  EXPECT_EQ(json::parse(empty_stats.body).at("series").as_array().size(), 31u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace sp::testing
