// The notifications API of the real binary over real sockets, on SQLite (embedded) and on
// PostgreSQL: notifications made from real sign-ups and follows (auth, profile) and from gallery
// events appended to the process's event log; like aggregation and milestones, new_post fan-out
// and preferences, the inbox's paging, unread count and read marks, the live stream (tickets,
// Last-Event-ID resumption, nothing in the logs), user.deleted and bad input.
#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "profile_client.hpp"
#include "sse_client.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::testing {
namespace {

using http::Method;
using Steady = std::chrono::steady_clock;

std::string suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

class NotificationsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ServerProcessOptions o = profile_server_options(GetParam());
    events::EventLogOptions log_options;
    if (GetParam() == "postgres") {
      auto dsn = db::testing::postgres_dsn_for_tests();
      if (!dsn) GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
      const std::string s = suffix();
      o.env["STRANGEPROMPT_GALLERY__DB__POSTGRES_SCHEMA"] = "bbn_gallery_" + s;
      o.env["STRANGEPROMPT_MEDIA__DB__POSTGRES_SCHEMA"] = "bbn_media_" + s;
      o.env["STRANGEPROMPT_NOTIFICATIONS__DB__POSTGRES_SCHEMA"] = "bbn_notifications_" + s;
      log_options = {.backend = "postgres",
                     .postgres_dsn = *dsn,
                     .postgres_schema = o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"]};
    }
    o.env["STRANGEPROMPT_NOTIFICATIONS__STREAM_HEARTBEAT_MS"] = "200";
    server_ = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server_->started()) << server_->log();
    if (GetParam() != "postgres") {
      log_options = {.backend = "embedded", .path = server_->data_dir() + "/events.db"};
    }
    auto log = events::EventLog::open(log_options);
    ASSERT_TRUE(log.ok()) << log.error().message;
    event_log_ = std::move(*log);
    api_ = std::make_unique<ProfileClient>(*server_);
  }

  TestUser user(const std::string& prefix) {
    const std::string handle = prefix + "_" + suffix().substr(0, 5);
    TestUser u = api_->sign_up(handle);
    EXPECT_FALSE(u.token.empty()) << "sign-up of " << handle << " failed";
    // The welcome notification says the notifications service has learnt the user.
    EXPECT_TRUE(eventually([&] { return items(u).size() >= 1; })) << handle;
    return u;
  }

  void publish(const std::string& type, const std::string& key, const json::object& data) {
    static std::atomic<int64_t> seq{1};
    events::Envelope e{.id = "nt-" + suffix() + "-" + std::to_string(seq++),
                       .type = type,
                       .version = 1,
                       .occurred_at_ms = Clock::system().now_ms(),
                       .key = key,
                       .data_json = json::serialize(data)};
    auto payload = e.to_json();
    ASSERT_TRUE(payload.ok());
    ASSERT_TRUE(event_log_->append(type, key, *payload).ok());
  }
  void publish_post(const std::string& post, const TestUser& author, const std::string& title,
                    const std::string& remix_of = {}) {
    json::object data{
        {"postId", post}, {"authorId", author.id}, {"title", title}, {"tags", json::array{}}};
    if (!remix_of.empty()) data["remixOf"] = remix_of;
    publish("gallery.post.published", post, data);
  }
  void like(const std::string& post, const std::string& liker, const TestUser& author,
            bool liked = true) {
    publish("gallery.likes", post,
            {{"postId", post}, {"userId", liker}, {"authorId", author.id}, {"liked", liked}});
  }

  http::ClientResponse inbox(const TestUser& u, const std::string& query = {}) {
    return api_->call(Method::kGet, "/v1/notifications" + query, {}, u.token);
  }
  json::array items(const TestUser& u, const std::string& query = "?limit=100") {
    auto r = inbox(u, query);
    return r.status == 200 ? json::parse(r.body).at("items").as_array() : json::array{};
  }
  // The items of `kind`.
  std::vector<json::object> of_kind(const TestUser& u, const std::string& kind) {
    std::vector<json::object> out;
    for (const auto& item : items(u)) {
      if (item.at("kind").as_string() == kind) out.push_back(item.as_object());
    }
    return out;
  }
  int64_t end_offset(const std::string& topic) {
    auto end = event_log_->end_offset(topic);
    EXPECT_TRUE(end.ok()) << topic;
    return end.ok() ? *end : 0;
  }
  // True once `topic` holds more than `before` records and `group` has committed all of them.
  bool consumed_past(const std::string& group, const std::string& topic, int64_t before) {
    auto end = event_log_->end_offset(topic);
    auto done = event_log_->committed(group, topic);
    return end.ok() && done.ok() && *end > before && *done >= *end;
  }
  static bool eventually(const std::function<bool()>& condition) {
    return sp::testing::eventually(condition, std::chrono::seconds(15));
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<events::EventLog> event_log_;
  std::unique_ptr<ProfileClient> api_;
};

TEST_P(NotificationsApi, SignUpWelcomesAndAFollowNamesTheFollower) {
  TestUser ann = user("ann");
  TestUser bob = user("bob");
  auto welcome = of_kind(ann, "welcome");
  ASSERT_EQ(welcome.size(), 1u);
  EXPECT_EQ(welcome[0].at("subject").at("type").as_string(), "user");
  EXPECT_EQ(welcome[0].at("subject").at("id").as_string(), ann.id);
  EXPECT_FALSE(welcome[0].at("read").as_bool());
  ASSERT_EQ(
      api_->call(Method::kPut, "/v1/profiles/" + ann.handle + "/follow", {}, bob.token).status,
      204);
  ASSERT_TRUE(eventually([&] { return of_kind(ann, "follow").size() == 1; }));
  json::object follow = of_kind(ann, "follow")[0];
  EXPECT_EQ(follow.at("actorCount").as_int64(), 1);
  ASSERT_EQ(follow.at("actors").as_array().size(), 1u);
  const auto& actor = follow.at("actors").as_array()[0].as_object();
  EXPECT_EQ(actor.at("id").as_string(), bob.id);
  EXPECT_EQ(actor.at("handle").as_string(), bob.handle);
  EXPECT_EQ(actor.at("displayName").as_string(), bob.handle);
  EXPECT_TRUE(actor.at("avatar").is_null());
  EXPECT_TRUE(follow.at("createdAt").is_string());
  EXPECT_TRUE(of_kind(bob, "follow").empty());
}

TEST_P(NotificationsApi, LikesAggregatePerPostWhileUnreadAndMilestonesAreAnnouncedOnce) {
  TestUser ann = user("ann");
  TestUser bob = user("bob");
  const std::string post = "9" + suffix();
  publish_post(post, ann, "Harbour at dawn");
  like(post, bob.id, ann);
  for (int i = 1; i <= 11; ++i) like(post, std::to_string(1000 + i), ann);
  like(post, ann.id, ann);  // the author's own like counts but notifies nobody
  ASSERT_TRUE(eventually([&] {
    auto likes = of_kind(ann, "like");
    return likes.size() == 1 && likes[0].at("actorCount").as_int64() == 12;
  })) << json::serialize(items(ann));
  json::object agg = of_kind(ann, "like")[0];
  EXPECT_EQ(agg.at("subject").at("title").as_string(), "Harbour at dawn");
  EXPECT_EQ(agg.at("subject").at("type").as_string(), "post");
  EXPECT_EQ(agg.at("subject").at("id").as_string(), post);
  ASSERT_TRUE(eventually([&] { return of_kind(ann, "like_milestone").size() == 1; }));
  EXPECT_EQ(of_kind(ann, "like_milestone")[0].at("actorCount").as_int64(), 10);
  // Unlike and like again: one more like in the window, but the tally does not cross 10 anew.
  like(post, "1001", ann, false);
  like(post, "1001", ann, true);
  ASSERT_TRUE(eventually([&] {
    auto likes = of_kind(ann, "like");
    return likes.size() == 1 && likes[0].at("actorCount").as_int64() == 13;
  }));
  agg = of_kind(ann, "like")[0];
  EXPECT_TRUE(agg.at("actors").as_array().empty());  // the newest three are unknown users
  // Read the aggregate: the next like opens a new one.
  auto read =
      api_->call(Method::kPost, "/v1/notifications/read",
                 R"({"ids":[")" + std::string(agg.at("id").as_string()) + "\"]}", ann.token);
  ASSERT_EQ(read.status, 200) << read.body;
  like(post, "2001", ann);
  ASSERT_TRUE(eventually([&] { return of_kind(ann, "like").size() == 2; }));
  auto likes = of_kind(ann, "like");
  EXPECT_EQ(likes[0].at("actorCount").as_int64(), 1);
  EXPECT_FALSE(likes[0].at("read").as_bool());
  EXPECT_TRUE(likes[1].at("read").as_bool());
  EXPECT_EQ(likes[1].at("actorCount").as_int64(), 13);
  EXPECT_EQ(of_kind(ann, "like_milestone").size(), 1u);
}

TEST_P(NotificationsApi, PagesUnreadCountAndReadMarks) {
  TestUser ann = user("ann");
  for (int i = 0; i < 5; ++i) {
    publish("gallery.comments", "7" + std::to_string(i),
            {{"commentId", "8" + std::to_string(i)},
             {"postId", "7" + std::to_string(i)},
             {"authorId", std::to_string(3000 + i)},
             {"postAuthorId", ann.id}});
  }
  ASSERT_TRUE(eventually([&] { return items(ann).size() == 6; }));  // welcome + 5 comments
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  for (; pages < 10; ++pages) {
    auto r = inbox(ann, "?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body).as_object();
    EXPECT_EQ(body.at("unreadCount").as_int64(), 6);
    for (const auto& item : body.at("items").as_array())
      seen.emplace_back(item.at("id").as_string());
    if (body.at("next").is_null()) break;
    cursor = std::string(body.at("next").as_string());
  }
  EXPECT_EQ(pages, 2);
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 6u);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GT(std::stoll(seen[i - 1]), std::stoll(seen[i]));  // newest first
  }
  const std::string etag(inbox(ann).header("etag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(api_->call(Method::kGet, "/v1/notifications", {}, ann.token, {{"if-none-match", etag}})
                .status,
            304);

  auto r = api_->call(Method::kPost, "/v1/notifications/read",
                      R"({"ids":[")" + seen[0] + R"(",")" + seen[1] + "\"]}", ann.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("unreadCount").as_int64(), 4);
  EXPECT_EQ(items(ann, "?unread=true").size(), 4u);
  TestUser eve = user("eve");  // eve cannot mark ann's notifications read
  r = api_->call(Method::kPost, "/v1/notifications/read", R"({"ids":[")" + seen[2] + "\"]}",
                 eve.token);
  EXPECT_EQ(json::parse(r.body).at("unreadCount").as_int64(), 1);  // eve's own welcome
  EXPECT_EQ(items(ann, "?unread=true").size(), 4u);
  r = api_->call(Method::kPost, "/v1/notifications/read", R"({"all":true})", ann.token);
  EXPECT_EQ(json::parse(r.body).at("unreadCount").as_int64(), 0);
  EXPECT_TRUE(items(ann, "?unread=true").empty());
}

TEST_P(NotificationsApi, NewPostsFanOutToFollowersAndRemixesReachTheOriginalAuthor) {
  TestUser ann = user("ann");
  TestUser bob = user("bob");
  TestUser cat = user("cat");
  ASSERT_EQ(
      api_->call(Method::kPut, "/v1/profiles/" + ann.handle + "/follow", {}, bob.token).status,
      204);
  ASSERT_EQ(
      api_->call(Method::kPut, "/v1/profiles/" + ann.handle + "/follow", {}, cat.token).status,
      204);
  ASSERT_TRUE(eventually([&] { return of_kind(ann, "follow").size() == 2; }));
  // cat turns off in-app notifications about people she follows.
  auto prefs = api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                          R"({"notifications":{"follows":{"inApp":false}}})", cat.token);
  ASSERT_EQ(prefs.status, 200) << prefs.body;
  // A marker event after the preference: once cat's remix notice exists, the preference was read.
  const std::string cats_post = "5" + suffix();
  publish_post(cats_post, cat, "Cat's original");
  // Events on different keys may be handled in any order: wait until cat's post is known (a
  // like on it names its title) before publishing the remix of it.
  like(cats_post, bob.id, cat);
  ASSERT_TRUE(eventually([&] {
    auto likes = of_kind(cat, "like");
    return !likes.empty() && likes[0].at("subject").at("title").as_string() == "Cat's original";
  }));
  const std::string first = "6" + suffix();
  publish_post(first, ann, "First light", cats_post);
  ASSERT_TRUE(eventually([&] { return of_kind(bob, "new_post").size() == 1; }));
  ASSERT_TRUE(eventually([&] { return of_kind(cat, "remix").size() == 1; }));
  EXPECT_TRUE(of_kind(cat, "new_post").empty());
  auto np = of_kind(bob, "new_post")[0];
  EXPECT_EQ(np.at("subject").at("id").as_string(), first);
  EXPECT_EQ(np.at("subject").at("title").as_string(), "First light");
  EXPECT_EQ(np.at("actors").as_array()[0].at("handle").as_string(), ann.handle);
  auto remix = of_kind(cat, "remix")[0];
  EXPECT_EQ(remix.at("subject").at("id").as_string(), first);
  // bob unfollows: the next post reaches nobody. Topics are consumed independently, so the test
  // waits for the notifications consumers' committed positions rather than for a marker event.
  const int64_t unfollows_before = end_offset("profile.unfollowed");
  ASSERT_EQ(
      api_->call(Method::kDelete, "/v1/profiles/" + ann.handle + "/follow", {}, bob.token).status,
      204);
  ASSERT_TRUE(eventually([&] {
    return consumed_past("notifications.unfollows.v1", "profile.unfollowed", unfollows_before);
  }));
  const int64_t posts_before = end_offset("gallery.post.published");
  publish_post("3" + suffix(), ann, "Second light");
  ASSERT_TRUE(eventually([&] {
    return consumed_past("notifications.posts.v1", "gallery.post.published", posts_before);
  }));
  EXPECT_EQ(of_kind(bob, "new_post").size(), 1u);
}

TEST_P(NotificationsApi, TheStreamResumesFromLastEventIdAndItsTicketIsSingleUseAndUnlogged) {
  TestUser ann = user("ann");
  auto t = api_->call(Method::kPost, "/v1/notifications/stream-ticket", {}, ann.token);
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string ticket(json::parse(t.body).at("ticket").as_string());
  EXPECT_EQ(json::parse(t.body).at("expiresIn").as_int64(), 60);
  std::vector<std::string> first_ids;
  {
    SseClient live(server_->port(), "/v1/notifications/stream?ticket=" + ticket, {});
    ASSERT_TRUE(live.read_until("\r\n\r\n"));
    EXPECT_EQ(live.status(), 200) << live.text();
    EXPECT_NE(live.text().find("text/event-stream"), std::string::npos);
    for (int i = 0; i < 3; ++i) {
      publish("gallery.comments", "1" + std::to_string(i),
              {{"commentId", "1"},
               {"postId", "1" + std::to_string(i)},
               {"authorId", std::to_string(500 + i)},
               {"postAuthorId", ann.id}});
    }
    ASSERT_TRUE(eventually([&] {
      live.read_some(std::chrono::milliseconds(50));
      return live.ids().size() >= 3;
    })) << live.text();
    EXPECT_NE(live.text().find("event: notification\ndata: {\"id\":"), std::string::npos);
    EXPECT_TRUE(eventually([&] {
      live.read_some(std::chrono::milliseconds(50));
      return live.text().find(": hb\n\n") != std::string::npos;
    }));
    first_ids = live.ids();
  }
  // Used once: refused now.
  SseClient again(server_->port(), "/v1/notifications/stream?ticket=" + ticket, {});
  ASSERT_TRUE(again.read_until("\r\n\r\n"));
  EXPECT_EQ(again.status(), 401);
  // While disconnected, three more arrive; resuming from the first id delivers the rest in order.
  for (int i = 3; i < 6; ++i) {
    publish("gallery.comments", "1" + std::to_string(i),
            {{"commentId", "1"},
             {"postId", "1" + std::to_string(i)},
             {"authorId", std::to_string(500 + i)},
             {"postAuthorId", ann.id}});
  }
  ASSERT_TRUE(eventually([&] { return of_kind(ann, "comment").size() == 6; }));
  SseClient resumed(server_->port(), "/v1/notifications/stream",
                    {{"Authorization", "Bearer " + ann.token}, {"Last-Event-ID", first_ids[0]}});
  ASSERT_TRUE(eventually([&] {
    resumed.read_some(std::chrono::milliseconds(50));
    return resumed.ids().size() >= 5;
  })) << resumed.text();
  std::vector<std::string> expected;
  for (const auto& c : of_kind(ann, "comment")) expected.emplace_back(c.at("id").as_string());
  std::reverse(expected.begin(), expected.end());  // oldest first, as the stream sends
  expected.erase(expected.begin());                // the one before Last-Event-ID's successor
  EXPECT_EQ(resumed.ids(), expected);
  // A browser reconnects with a new ticket and the last id as a query parameter (EventSource
  // cannot send the header on a new connection).
  auto t2 = api_->call(Method::kPost, "/v1/notifications/stream-ticket", {}, ann.token);
  ASSERT_EQ(t2.status, 201) << t2.body;
  const std::string ticket2(json::parse(t2.body).at("ticket").as_string());
  SseClient by_param(server_->port(),
                     "/v1/notifications/stream?ticket=" + ticket2 + "&lastEventId=" + first_ids[0],
                     {});
  ASSERT_TRUE(eventually([&] {
    by_param.read_some(std::chrono::milliseconds(50));
    return by_param.ids().size() >= 5;
  })) << by_param.text();
  EXPECT_EQ(by_param.ids(), expected);
  SseClient bad(server_->port(), "/v1/notifications/stream?lastEventId=seven",
                {{"Authorization", "Bearer " + ann.token}});
  ASSERT_TRUE(bad.read_until("\r\n\r\n"));
  EXPECT_EQ(bad.status(), 400) << bad.text();
  EXPECT_EQ(server_->log().find(ticket), std::string::npos);
  EXPECT_EQ(server_->log().find(ticket2), std::string::npos);
  EXPECT_NE(server_->log().find("/v1/notifications/stream"), std::string::npos);
}

TEST_P(NotificationsApi, UserDeletedRemovesTheInboxAndLaterEventsMakeNothing) {
  TestUser ann = user("ann");
  publish("user.deleted", ann.id, {{"userId", ann.id}, {"deletedAt", "2026-01-01T00:00:00Z"}});
  ASSERT_TRUE(eventually([&] { return items(ann).empty(); }));
  publish("gallery.comments", "42",
          {{"commentId", "1"}, {"postId", "42"}, {"authorId", "9"}, {"postAuthorId", ann.id}});
  TestUser bob = user("bob");  // a later event on another topic: by then the comment was handled
  publish("gallery.comments", "43",
          {{"commentId", "2"}, {"postId", "43"}, {"authorId", "9"}, {"postAuthorId", bob.id}});
  ASSERT_TRUE(eventually([&] { return of_kind(bob, "comment").size() == 1; }));
  EXPECT_TRUE(items(ann).empty());
}

TEST_P(NotificationsApi, BadInputIsAProblemAndChangesNothing) {
  TestUser ann = user("ann");
  EXPECT_EQ(api_->call(Method::kGet, "/v1/notifications").status, 401);
  EXPECT_EQ(inbox(ann, "?unread=maybe").status, 400);
  EXPECT_EQ(inbox(ann, "?cursor=forged").status, 400);
  EXPECT_EQ(inbox(ann, "?limit=1000").status, 400);
  auto r = api_->call(Method::kPost, "/v1/notifications/read", "{}", ann.token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_EQ(
      api_->call(Method::kPost, "/v1/notifications/read", R"({"ids":["x"]})", ann.token).status,
      400);
  EXPECT_EQ(
      api_->call(Method::kPost, "/v1/notifications/read", R"({"ids":[],"all":true})", ann.token)
          .status,
      400);
  EXPECT_EQ(items(ann, "?unread=true").size(), 1u);  // nothing was marked
  SseClient no_auth(server_->port(), "/v1/notifications/stream", {});
  ASSERT_TRUE(no_auth.read_until("\r\n\r\n"));
  EXPECT_EQ(no_auth.status(), 401);
  SseClient bad_last(server_->port(), "/v1/notifications/stream",
                     {{"Authorization", "Bearer " + ann.token}, {"Last-Event-ID", "nope"}});
  ASSERT_TRUE(bad_last.read_until("\r\n\r\n"));
  EXPECT_EQ(bad_last.status(), 400);
  auto push = api_->call(Method::kPost, "/v1/notifications/push-subscriptions",
                         R"({"endpoint":"https://push.example/x"})", ann.token);
  EXPECT_EQ(push.status, 501);
  EXPECT_EQ(push.header("content-type"), "application/problem+json");
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationsApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::testing
