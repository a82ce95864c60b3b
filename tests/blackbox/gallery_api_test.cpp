// The gallery API of the real binary over real sockets, on SQLite (embedded) and PostgreSQL.
// Profile facts (preferences, blocks, follows, deletions) reach the gallery the way they do in
// production: as events on the process's event log, which the test appends to directly (the
// profile service is not part of this build).
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include "server_process.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using http::Method;
constexpr const char* kPassword = "violet-harbor-lantern-42";

std::string unique_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

struct User {
  std::string id;
  std::string handle;
  std::string token;
};

class GalleryApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ServerProcessOptions o;
    o.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "8192";
    o.env["STRANGEPROMPT_AUTH__ARGON2_OPS"] = "1";
    // A small search candidate cap, so a test can match more posts than the cap.
    o.env["STRANGEPROMPT_GALLERY__SEARCH_CANDIDATES"] = "8";
    events::EventLogOptions log_options;
    if (GetParam() == "postgres") {
      auto dsn = db::testing::postgres_dsn_for_tests();
      if (!dsn) GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
      const std::string suffix = unique_suffix();
      o.env["STRANGEPROMPT_DB__BACKEND"] = "postgres";
      o.env["STRANGEPROMPT_DB__POSTGRES_DSN"] = *dsn;
      o.env["STRANGEPROMPT_AUTH__DB__POSTGRES_SCHEMA"] = "bbg_auth_" + suffix;
      o.env["STRANGEPROMPT_GALLERY__DB__POSTGRES_SCHEMA"] = "bbg_gallery_" + suffix;
      o.env["STRANGEPROMPT_EVENTS__BACKEND"] = "postgres";
      o.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "bbg_events_" + suffix;
      log_options = {
          .backend = "postgres", .postgres_dsn = *dsn, .postgres_schema = "bbg_events_" + suffix};
    }
    server_ = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server_->started()) << server_->log();
    if (GetParam() != "postgres") {
      log_options = {.backend = "embedded", .path = server_->data_dir() + "/events.db"};
    }
    auto log = events::EventLog::open(log_options);
    ASSERT_TRUE(log.ok()) << log.error().message;
    event_log_ = std::move(*log);
  }

  http::ClientResponse call(Method method, const std::string& path, const std::string& token = {},
                            std::string body = {}) {
    http::Headers headers;
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    if (!token.empty()) headers.emplace_back("authorization", "Bearer " + token);
    auto client = http::HttpClient::create();
    auto r = client->send({method, server_->base_url() + path, headers, std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }

  User signup(const std::string& prefix) {
    const std::string handle = prefix + "_" + unique_suffix().substr(0, 6);
    json::object req{
        {"email", handle + "@example.com"}, {"handle", handle}, {"password", kPassword}};
    auto r = call(Method::kPost, "/v1/auth/signup", {}, json::serialize(req));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    auto o = json::parse(r.body).as_object();
    // The gallery learns the handle from user.signup, asynchronously.
    EXPECT_TRUE(eventually([&] {
      return call(Method::kGet, "/v1/gallery/users/" + handle + "/posts").status == 200;
    })) << "the gallery never learnt "
        << handle;
    return {std::string(o["user"].as_object()["id"].as_string()), handle,
            std::string(o["accessToken"].as_string())};
  }

  // Creates a post from `fields` (a JSON object body); returns its id.
  std::string post(const User& u, json::object fields) {
    if (!fields.contains("title")) fields["title"] = "Untitled";
    if (!fields.contains("prompt")) fields["prompt"] = "a quiet harbour at dawn";
    auto r = call(Method::kPost, "/v1/gallery/posts", u.token, json::serialize(fields));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(json::parse(r.body).as_object()["id"].as_string()) : "";
  }

  // The ids of every page of `path` (which already has a query string), following `next`.
  std::vector<std::string> all_ids(const std::string& path, const std::string& token = {},
                                   int limit = 100) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      std::string url = path + "&limit=" + std::to_string(limit);
      if (!cursor.empty()) url += "&cursor=" + cursor;
      auto r = call(Method::kGet, url, token);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      auto o = json::parse(r.body).as_object();
      for (auto& item : o["items"].as_array()) {
        ids.emplace_back(item.as_object()["id"].as_string());
      }
      if (o["next"].is_null()) break;
      cursor = std::string(o["next"].as_string());
    }
    return ids;
  }

  static bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  void publish(const std::string& type, const std::string& key, const json::object& data,
               int64_t occurred_at_ms = 0) {
    static std::atomic<int64_t> seq{1};
    events::Envelope e{
        .id = "test-" + unique_suffix() + "-" + std::to_string(seq++),
        .type = type,
        .version = 1,
        .occurred_at_ms = occurred_at_ms != 0 ? occurred_at_ms : Clock::system().now_ms(),
        .key = key,
        .data_json = json::serialize(data)};
    auto payload = e.to_json();
    ASSERT_TRUE(payload.ok()) << payload.error().message;
    ASSERT_TRUE(event_log_->append(type, key, *payload).ok());
  }

  // Polls `condition` until it holds (the consumers run asynchronously), at most 10 s.
  static bool eventually(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
  }

  json::object get_post(const std::string& id, const std::string& token = {}) {
    auto r = call(Method::kGet, "/v1/gallery/posts/" + id, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<events::EventLog> event_log_;
};

TEST_P(GalleryApi, APostKeepsEveryFieldAndRefusesUnknownAndReadOnlyOnes) {
  User ann = signup("ann");
  auto bad = call(Method::kPost, "/v1/gallery/posts", ann.token,
                  R"({"title":"t","prompt":"p","likeCount":3,"author":"x","colour":"red"})");
  EXPECT_EQ(bad.status, 400);
  for (const char* field : {"likeCount", "author", "colour"}) {
    EXPECT_NE(bad.body.find(std::string("\"field\":\"") + field + "\""), std::string::npos)
        << field << " " << bad.body;
  }
  const std::string id =
      post(ann, json::parse(R"({"title":"Harbour","prompt":"harbour at dawn, volumetric light",
        "negativePrompt":"blurry","tags":["#Sea Side","sea_side","Dawn"],"category":"landscape",
        "contentRating":"soft","images":["123"],"hideParams":false,
        "params":{"tool":"ComfyUI","model":{"name":"ponyDiffusionV6XL","hash":"67ab2fd8ec"},
        "sampler":"Euler a","scheduler":"karras","steps":28,"cfg":6.5,"seed":42,"width":832,
        "height":1216,"clipSkip":2,"denoise":0.55,"resources":[{"name":"detail_tweaker","weight":0.8}],
        "raw":"Steps: 28"}})")
                    .as_object());
  auto p = get_post(id);
  EXPECT_EQ(p["author"].as_object()["handle"].as_string(), ann.handle);
  EXPECT_EQ(p["negativePrompt"].as_string(), "blurry");
  EXPECT_EQ(p["tags"].as_array(), json::parse(R"(["sea-side","dawn"])").as_array());
  EXPECT_EQ(p["baseModel"].as_string(), "pony");
  EXPECT_EQ(p["contentRating"].as_string(), "soft");
  EXPECT_EQ(p["images"].as_array(), json::parse(R"(["123"])").as_array());
  auto& params = p["params"].as_object();
  EXPECT_EQ(params["sampler"].as_string(), "Euler a");
  EXPECT_EQ(params["clipSkip"].as_int64(), 2);
  EXPECT_DOUBLE_EQ(params["cfg"].as_double(), 6.5);
  EXPECT_EQ(params["resources"].as_array()[0].as_object()["name"].as_string(), "detail_tweaker");
  EXPECT_EQ(params["model"].as_object()["hash"].as_string(), "67ab2fd8ec");

  auto patched = call(Method::kPatch, "/v1/gallery/posts/" + id, ann.token,
                      R"({"title":"Harbour II","hideParams":true,"tags":null})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  User bob = signup("bob");
  auto seen_by_bob = get_post(id, bob.token);
  EXPECT_EQ(seen_by_bob["title"].as_string(), "Harbour II");
  EXPECT_TRUE(seen_by_bob["params"].is_null()) << "hidden parameters leak to others";
  EXPECT_TRUE(seen_by_bob["tags"].as_array().empty());
  EXPECT_FALSE(get_post(id, ann.token)["params"].is_null()) << "the author sees their params";

  EXPECT_EQ(call(Method::kDelete, "/v1/gallery/posts/" + id, ann.token).status, 204);
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + id).status, 404);
}

TEST_P(GalleryApi, OthersCannotChangeDeleteOrSeePrivateAndDraftPosts) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string pub = post(ann, {{"title", "public one"}});
  const std::string priv = post(ann, {{"title", "private one"}, {"visibility", "private"}});
  const std::string draft = post(ann, {{"title", "draft one"}, {"visibility", "draft"}});
  const std::string unlisted = post(ann, {{"title", "unlisted one"}, {"visibility", "unlisted"}});

  EXPECT_EQ(
      call(Method::kPatch, "/v1/gallery/posts/" + pub, bob.token, R"({"title":"pwned"})").status,
      403);
  EXPECT_EQ(call(Method::kDelete, "/v1/gallery/posts/" + pub, bob.token).status, 403);
  for (const std::string& hidden : {priv, draft}) {
    EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + hidden, bob.token).status, 404);
    EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + hidden).status, 404);
    EXPECT_EQ(
        call(Method::kPatch, "/v1/gallery/posts/" + hidden, bob.token, R"({"visibility":"public"})")
            .status,
        404);
    EXPECT_EQ(call(Method::kDelete, "/v1/gallery/posts/" + hidden, bob.token).status, 404);
    EXPECT_EQ(call(Method::kPut, "/v1/gallery/posts/" + hidden + "/like", bob.token).status, 404);
    EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + hidden + "/comments", bob.token).status,
              404);
  }
  EXPECT_EQ(get_post(pub, ann.token)["title"].as_string(), "public one");
  EXPECT_EQ(get_post(priv, ann.token)["visibility"].as_string(), "private");
  EXPECT_EQ(get_post(draft, ann.token)["visibility"].as_string(), "draft");
  EXPECT_EQ(get_post(unlisted, bob.token)["title"].as_string(), "unlisted one");

  for (std::string sort : {"hot", "new", "top"}) {
    auto feed = all_ids("/v1/gallery/feed?sort=" + sort, bob.token);
    EXPECT_TRUE(has(feed, pub)) << sort;
    EXPECT_FALSE(has(feed, priv) || has(feed, draft) || has(feed, unlisted)) << sort;
  }
  auto bobs_view = all_ids("/v1/gallery/users/" + ann.handle + "/posts?x=1", bob.token);
  EXPECT_EQ(bobs_view, std::vector<std::string>{pub});
  auto own_view = all_ids("/v1/gallery/users/" + ann.handle + "/posts?x=1", ann.token);
  EXPECT_EQ(own_view.size(), 4u);
}

TEST_P(GalleryApi, FeedCursorsNeitherRepeatNorSkipWhileNewPostsArrive) {
  User ann = signup("ann");
  std::vector<std::string> before;
  for (int i = 0; i < 25; ++i) before.push_back(post(ann, {{"title", "p" + std::to_string(i)}}));
  for (std::string sort : {"new", "hot", "top"}) {
    std::atomic<bool> done{false};
    std::thread writer([&] {
      for (int i = 0; i < 15 && !done; ++i) post(ann, {{"title", "late" + std::to_string(i)}});
    });
    auto seen = all_ids("/v1/gallery/feed?sort=" + sort, {}, 4);
    done = true;
    writer.join();
    std::set<std::string> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), seen.size()) << sort << ": a post was shown twice";
    for (const auto& id : before) EXPECT_TRUE(unique.count(id)) << sort << ": skipped " << id;
  }
}

TEST_P(GalleryApi, ConcurrentRepeatLikesCountEachUserOnce) {
  User ann = signup("ann");
  const std::string id = post(ann, {});
  std::vector<User> fans;
  for (int i = 0; i < 5; ++i) fans.push_back(signup("fan" + std::to_string(i)));
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      auto r = call(Method::kPut, "/v1/gallery/posts/" + id + "/like", fans[i % 5].token);
      EXPECT_EQ(r.status, 200) << r.body;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(get_post(id)["likeCount"].as_int64(), 5);
  EXPECT_TRUE(get_post(id, fans[0].token)["likedByMe"].as_bool());
  EXPECT_FALSE(get_post(id, ann.token)["likedByMe"].as_bool());
  threads.clear();
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back(
        [&] { call(Method::kDelete, "/v1/gallery/posts/" + id + "/like", fans[0].token); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(get_post(id)["likeCount"].as_int64(), 4);
}

TEST_P(GalleryApi, AForgedOrForeignCursorIs400) {
  User ann = signup("ann");
  for (int i = 0; i < 3; ++i) post(ann, {});
  auto first = call(Method::kGet, "/v1/gallery/feed?sort=new&limit=1");
  ASSERT_EQ(first.status, 200);
  std::string next(json::parse(first.body).as_object()["next"].as_string());
  std::string forged = next;
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& url : std::vector<std::string>{
           "/v1/gallery/feed?sort=new&cursor=" + forged, "/v1/gallery/feed?sort=top&cursor=" + next,
           "/v1/gallery/feed?sort=new&tag=x&cursor=" + next, "/v1/gallery/feed?cursor=junk"}) {
    auto r = call(Method::kGet, url);
    EXPECT_EQ(r.status, 400) << url;
    EXPECT_NE(r.body.find("\"field\":\"cursor\""), std::string::npos) << r.body;
  }
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/feed?sort=new&cursor=" + next).status, 200);
}

TEST_P(GalleryApi, FeedsHonourContentRatingAndHiddenTagsFromTheProfileEvent) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string none = post(ann, {{"contentRating", "none"}});
  const std::string soft = post(ann, {{"contentRating", "soft"}});
  const std::string mature = post(ann, {{"contentRating", "mature"}});
  const std::string explicit_ = post(ann, {{"contentRating", "explicit"}});
  const std::string spiders = post(ann, {{"tags", json::array{"Spiders"}}});

  for (const std::string& token : {std::string(), bob.token}) {  // default: soft
    auto feed = all_ids("/v1/gallery/feed?sort=new", token);
    EXPECT_TRUE(has(feed, none) && has(feed, soft) && has(feed, spiders));
    EXPECT_FALSE(has(feed, mature) || has(feed, explicit_));
  }
  publish("profile.preferences_updated", bob.id,
          {{"userId", bob.id},
           {"contentRating", "mature"},
           {"hiddenTags", json::array{"spiders"}},
           {"hiddenCreatorIds", json::array{}},
           {"updatedAt", "2026-12-01T00:00:00.000Z"}});
  EXPECT_TRUE(
      eventually([&] { return has(all_ids("/v1/gallery/feed?sort=new", bob.token), mature); }));
  for (std::string sort : {"hot", "new", "top"}) {
    auto feed = all_ids("/v1/gallery/feed?sort=" + sort, bob.token);
    EXPECT_TRUE(has(feed, mature) && has(feed, none)) << sort;
    EXPECT_FALSE(has(feed, explicit_)) << sort;
    EXPECT_FALSE(has(feed, spiders)) << sort << ": a hidden tag showed";
  }
  auto anon = all_ids("/v1/gallery/feed?sort=new");
  EXPECT_FALSE(has(anon, mature)) << "one viewer's preferences leaked to another";
  // An older preferences event, redelivered late, changes nothing.
  publish("profile.preferences_updated", bob.id,
          {{"userId", bob.id},
           {"contentRating", "none"},
           {"hiddenTags", json::array{}},
           {"hiddenCreatorIds", json::array{json::string(ann.id)}},
           {"updatedAt", "2026-11-01T00:00:00.000Z"}});
  publish("profile.preferences_updated", bob.id,
          {{"userId", bob.id},
           {"contentRating", "explicit"},
           {"hiddenTags", json::array{}},
           {"hiddenCreatorIds", json::array{json::string(ann.id)}},
           {"updatedAt", "2026-12-02T00:00:00.000Z"}});
  EXPECT_TRUE(eventually([&] { return all_ids("/v1/gallery/feed?sort=new", bob.token).empty(); }))
      << "hidden creator still shown";
  EXPECT_TRUE(all_ids("/v1/gallery/users/" + ann.handle + "/posts?x=1", bob.token).empty());
}

TEST_P(GalleryApi, BlocksHideFeedsBothWaysAndStopComments) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string id = post(ann, {});
  ASSERT_EQ(call(Method::kPost, "/v1/gallery/posts/" + id + "/comments", bob.token,
                 R"({"body":"lovely"})")
                .status,
            201);
  publish("profile.blocked", ann.id,
          {{"blockerId", ann.id}, {"blockedId", bob.id}, {"at", "2026-12-01T00:00:00.000Z"}});
  EXPECT_TRUE(
      eventually([&] { return !has(all_ids("/v1/gallery/feed?sort=new", bob.token), id); }));
  auto r = call(Method::kPost, "/v1/gallery/posts/" + id + "/comments", bob.token,
                R"({"body":"hello?"})");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(get_post(id)["commentCount"].as_int64(), 1);
  const std::string bobs = post(bob, {});
  EXPECT_FALSE(has(all_ids("/v1/gallery/feed?sort=new", ann.token), bobs));
  publish("profile.unblocked", ann.id,
          {{"blockerId", ann.id}, {"blockedId", bob.id}, {"at", "2026-12-01T00:00:01.000Z"}});
  EXPECT_TRUE(eventually([&] {
    return call(Method::kPost, "/v1/gallery/posts/" + id + "/comments", bob.token,
                R"({"body":"thanks"})")
               .status == 201;
  }));
}

TEST_P(GalleryApi, CommentsPageAndOnlyTheirAuthorOrThePostAuthorDeleteThem) {
  User ann = signup("ann");
  User bob = signup("bob");
  User eve = signup("eve");
  const std::string id = post(ann, {});
  std::vector<std::string> comments;
  for (int i = 0; i < 5; ++i) {
    auto r = call(Method::kPost, "/v1/gallery/posts/" + id + "/comments", bob.token,
                  R"({"body":"c)" + std::to_string(i) + R"("})");
    ASSERT_EQ(r.status, 201) << r.body;
    comments.emplace_back(json::parse(r.body).as_object()["id"].as_string());
  }
  EXPECT_EQ(all_ids("/v1/gallery/posts/" + id + "/comments?x=1", {}, 2), comments);
  EXPECT_EQ(call(Method::kDelete, "/v1/gallery/comments/" + comments[0], eve.token).status, 403);
  EXPECT_EQ(call(Method::kDelete, "/v1/gallery/comments/" + comments[0], bob.token).status, 204);
  EXPECT_EQ(call(Method::kDelete, "/v1/gallery/comments/" + comments[1], ann.token).status, 204);
  EXPECT_EQ(get_post(id)["commentCount"].as_int64(), 3);
}

TEST_P(GalleryApi, FollowingFeedShowsFollowedCreatorsFromTheEvents) {
  User ann = signup("ann");
  User bob = signup("bob");
  User cat = signup("cat");
  const std::string by_ann = post(ann, {});
  const std::string by_cat = post(cat, {});
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/feed/following").status, 401);
  publish("profile.followed", ann.id,
          {{"followerId", bob.id}, {"followeeId", ann.id}, {"following", true}});
  EXPECT_TRUE(eventually([&] {
    return all_ids("/v1/gallery/feed/following?x=1", bob.token) == std::vector<std::string>{by_ann};
  }));
  EXPECT_FALSE(has(all_ids("/v1/gallery/feed/following?x=1", bob.token), by_cat));
}

TEST_P(GalleryApi, UserDeletedRemovesTheirPostsLikesCommentsAndCollectionsWithExactCounts) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string anns = post(ann, {});
  const std::string bobs = post(bob, {});
  ASSERT_EQ(call(Method::kPut, "/v1/gallery/posts/" + anns + "/like", bob.token).status, 200);
  ASSERT_EQ(
      call(Method::kPost, "/v1/gallery/posts/" + anns + "/comments", bob.token, R"({"body":"hi"})")
          .status,
      201);
  ASSERT_EQ(call(Method::kPut, "/v1/gallery/posts/" + bobs + "/like", ann.token).status, 200);
  auto collection = call(Method::kPost, "/v1/gallery/collections", bob.token, R"({"name":"c"})");
  ASSERT_EQ(collection.status, 201);
  const std::string bobs_collection(json::parse(collection.body).as_object()["id"].as_string());
  publish("user.deleted", bob.id, {{"userId", bob.id}, {"deletedAt", "2026-12-02T00:00:00.000Z"}});
  EXPECT_TRUE(
      eventually([&] { return call(Method::kGet, "/v1/gallery/posts/" + bobs).status == 404; }));
  auto p = get_post(anns);
  EXPECT_EQ(p["likeCount"].as_int64(), 0);
  EXPECT_EQ(p["commentCount"].as_int64(), 0);
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/collections/" + bobs_collection).status, 404);
  EXPECT_TRUE(all_ids("/v1/gallery/posts/" + anns + "/comments?x=1").empty());
}

// `serve --demo` on an empty data dir: believable content through the real flows.
TEST(GalleryDemo, AFreshInstallGetsCreatorsPostsAndRemixesAndItsUsersLogIn) {
  ServerProcessOptions o;
  o.args = {"serve", "--demo"};
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();
  auto client = http::HttpClient::create();
  std::vector<json::object> posts;
  std::string cursor;
  do {
    auto r = client->send({Method::kGet,
                           server.base_url() + "/v1/gallery/feed?sort=new&limit=100" +
                               (cursor.empty() ? "" : "&cursor=" + cursor),
                           {},
                           {}});
    ASSERT_TRUE(r.ok() && r->status == 200);
    auto page = json::parse(r->body).as_object();
    for (auto& p : page["items"].as_array()) posts.push_back(p.as_object());
    cursor = page["next"].is_null() ? "" : std::string(page["next"].as_string());
  } while (!cursor.empty());
  EXPECT_GE(posts.size(), 60u);
  std::set<std::string> creators;
  int remixes = 0, liked = 0, commented = 0;
  for (auto& p : posts) {
    creators.emplace(p["author"].as_object()["id"].as_string());
    remixes += p["remixOf"].is_null() ? 0 : 1;
    liked += p["likeCount"].as_int64() > 0 ? 1 : 0;
    commented += p["commentCount"].as_int64() > 0 ? 1 : 0;
    EXPECT_FALSE(p["params"].as_object()["model"].as_object()["name"].is_null());
    EXPECT_FALSE(p["tags"].as_array().empty());
  }
  EXPECT_GE(creators.size(), 8u);
  EXPECT_GE(remixes, 4);
  EXPECT_GT(liked, 10);
  EXPECT_GT(commented, 10);
  // Most posts carry a generated picture that went through the media pipeline; a few stay
  // prompt-only. Processing is asynchronous: poll the newest page until every image is ready.
  int pictured = 0, prompt_only = 0;
  for (auto& p : posts) (p["images"].as_array().empty() ? prompt_only : pictured) += 1;
  EXPECT_GE(pictured, 50);
  EXPECT_GE(prompt_only, 4);
  std::string variant_url;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (bool all_ready = false; !all_ready && std::chrono::steady_clock::now() < deadline;) {
    auto r = client->send(
        {Method::kGet, server.base_url() + "/v1/gallery/feed?sort=new&limit=100", {}, {}});
    ASSERT_TRUE(r.ok() && r->status == 200);
    all_ready = true;
    json::value page = json::parse(r->body);
    for (auto& item : page.as_object()["items"].as_array()) {
      auto& media = item.as_object()["media"].as_array();
      EXPECT_EQ(media.size(), item.as_object()["images"].as_array().size());
      for (auto& m : media) {
        auto& mo = m.as_object();
        if (mo["status"].as_string() != "ready") {
          all_ready = false;
          continue;
        }
        EXPECT_EQ(mo["blurhash"].as_string().size(), 28u);
        EXPECT_EQ(mo["dominantColor"].as_string().size(), 7u);
        auto& variants = mo["variants"].as_array();
        ASSERT_FALSE(variants.empty());
        for (const auto& v : variants) {  // WebP first, then AVIF (when this libvips has it)
          if (v.as_object().at("contentType").as_string() == "image/webp") {
            variant_url = std::string(v.as_object().at("url").as_string());
          }
        }
      }
    }
    if (!all_ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(variant_url.empty());
  auto picture = client->send({Method::kGet, server.base_url() + variant_url, {}, {}});
  ASSERT_TRUE(picture.ok());
  EXPECT_EQ(picture->status, 200);
  EXPECT_EQ(picture->header("content-type"), "image/webp");
  EXPECT_EQ(picture->body.substr(8, 4), "WEBP");
  auto login = client->send({Method::kPost,
                             server.base_url() + "/v1/auth/login",
                             {{"content-type", "application/json"}},
                             R"({"login":"inkwell","password":"demo-prompt-garden"})"});
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->status, 200) << login->body;
}

TEST(GalleryDemo, WithoutTheFlagNothingIsSeeded) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.log();
  auto r = http::HttpClient::create()->send(
      {Method::kGet, server.base_url() + "/v1/gallery/feed", {}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, R"({"items":[],"next":null})");
}

TEST_P(GalleryApi, SearchFindsWordsAndPrefixesAndEveryFilterNarrows) {
  User ann = signup("ann");
  User bob = signup("bob");
  auto make = [&](const User& u, const char* title, const char* prompt, const char* params,
                  json::array tags, const char* rating = "none",
                  const char* visibility = "public") {
    json::object body{
        {"title", title},          {"prompt", prompt},         {"tags", tags},
        {"contentRating", rating}, {"visibility", visibility}, {"params", json::parse(params)}};
    return post(u, body);
  };
  const std::string lighthouse =
      make(ann, "Lighthouse", "a lonely lighthouse on a cliff at dusk",
           R"({"tool":"ComfyUI","model":{"name":"sd_xl_base_1.0"},"sampler":"Euler a",
               "steps":30,"cfg":7,"width":832,"height":1216,
               "resources":[{"name":"Add_Detail","weight":0.5}]})",
           {"sea", "night"});
  const std::string harbour =
      make(bob, "Harbour", "a lighthouse and a harbour in the morning fog",
           R"({"tool":"Forge","model":{"name":"v1-5-pruned-emaonly"},"sampler":"DPM++ 2M",
               "steps":20,"cfg":4.5,"width":1216,"height":832})",
           {"sea"});
  const std::string square =
      make(bob, "Lantern", "paper lanterns over a river",
           R"({"model":{"name":"flux1-dev"},"width":1024,"height":1024})", {"night"}, "mature");
  const std::string secret =
      make(ann, "Secret lighthouse", "a lighthouse nobody may see", "{}", {}, "none", "private");
  auto search = [&](const std::string& query, const std::string& token = {}) {
    return all_ids("/v1/gallery/search?" + query, token);
  };
  auto same = [](std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  EXPECT_TRUE(same(search("q=lighthouse"), {lighthouse, harbour})) << "by a word";
  EXPECT_TRUE(same(search("q=LIGHTHO"), {lighthouse, harbour})) << "by a prefix";
  EXPECT_TRUE(same(search("q=lighthouse+fog"), {harbour})) << "every word required";
  EXPECT_TRUE(same(search("q=" + bob.handle), {harbour})) << "by handle (mature hidden)";
  EXPECT_FALSE(has(search("q=lighthouse", ann.token), secret)) << "private posts never found";
  EXPECT_FALSE(has(search("q=nobody", ann.token), secret));
  const std::pair<const char*, std::vector<std::string>> filters[] = {
      {"model=sd_xl_base_1.0", {lighthouse}},
      {"baseModel=sd15", {harbour}},
      {"resource=add_detail", {lighthouse}},
      {"sampler=euler+a", {lighthouse}},
      {"tool=forge", {harbour}},
      {"tag=Sea", {lighthouse, harbour}},
      {"rating=none", {lighthouse, harbour}},
      {"aspect=portrait", {lighthouse}},
      {"aspect=landscape", {harbour}},
      {"period=day", {lighthouse, harbour}},
      {"steps=25..40", {lighthouse}},
      {"steps=..20", {harbour}},
      {"cfg=5..", {lighthouse}},
      {"cfg=4.5", {harbour}},
  };
  for (const auto& [filter, want] : filters) {
    EXPECT_TRUE(same(search(std::string("q=lighthouse&") + filter), want)) << filter;
  }
  EXPECT_TRUE(same(search("q=lighthouse&creator=" + ann.handle), {lighthouse}));
  EXPECT_TRUE(search("q=lighthouse&creator=nobody_here").empty());
  EXPECT_TRUE(same(search("aspect=square", ann.token), {})) << "mature hidden at soft";
  for (const char* bad :
       {"steps=9..1", "aspect=round", "baseModel=sd2", "sort=best", "rating=spicy"}) {
    EXPECT_EQ(call(Method::kGet, std::string("/v1/gallery/search?") + bad).status, 400) << bad;
  }
  auto page = call(Method::kGet, "/v1/gallery/search?q=lighthouse");
  auto facets = json::parse(page.body).as_object()["facets"].as_object();
  EXPECT_EQ(facets["baseModel"].as_array().size(), 2u);
  EXPECT_EQ(facets["tag"].as_array()[0].as_object()["value"].as_string(), "sea");
  EXPECT_EQ(facets["tag"].as_array()[0].as_object()["count"].as_int64(), 2);
  for (const char* sort : {"relevance", "new", "top"}) {
    auto ids = all_ids(std::string("/v1/gallery/search?q=lighthouse&sort=") + sort, {}, 1);
    EXPECT_TRUE(same(ids, {lighthouse, harbour})) << sort << ": paging one by one";
  }
  auto suggest = call(Method::kGet, "/v1/gallery/search/suggest?q=se");
  ASSERT_EQ(suggest.status, 200);
  EXPECT_NE(suggest.body.find("\"sea\""), std::string::npos) << suggest.body;
}

// A word in more posts than the candidate cap (8 here, 1,000 by default): the newest 8 matches
// are ranked, the first page is their best, paging never repeats a post nor admits one published
// meanwhile, and the facets count the same 8.
TEST_P(GalleryApi, CommonWordSearchRanksABoundedCandidateSetAndPagesItOnce) {
  User ann = signup("ann");
  std::vector<std::string> ids;  // oldest first
  for (int i = 0; i < 12; ++i) {
    // Posts 5 and 9 (both among the newest 8) carry the word in the title, which weighs most.
    const bool titled = i == 5 || i == 9;
    json::object body{
        {"title", titled ? "Meadow " + std::to_string(i) : "Field " + std::to_string(i)},
        {"prompt", "a quiet meadow with wild flowers, picture " + std::to_string(i) +
                       " of a long series about grass and light"},
        {"tags", json::array{"grass"}}};
    ids.push_back(post(ann, body));
  }
  auto page = call(Method::kGet, "/v1/gallery/search?q=meadow&limit=3");
  ASSERT_EQ(page.status, 200) << page.body;
  auto o = json::parse(page.body).as_object();
  auto items = o["items"].as_array();
  ASSERT_EQ(items.size(), 3u);
  std::vector<std::string> first{std::string(items[0].as_object()["id"].as_string()),
                                 std::string(items[1].as_object()["id"].as_string())};
  std::sort(first.begin(), first.end());
  std::vector<std::string> titled{ids[5], ids[9]};
  std::sort(titled.begin(), titled.end());
  EXPECT_EQ(first, titled) << "the title matches rank first";
  auto tag = o["facets"].as_object()["tag"].as_array();
  ASSERT_EQ(tag.size(), 1u);
  EXPECT_EQ(tag[0].as_object()["count"].as_int64(), 8) << "facets count the candidates";
  for (const char* sort : {"relevance", "new", "top"}) {
    std::vector<std::string> want(ids.end() - 8, ids.end());  // the newest 8 at page 1
    std::sort(want.begin(), want.end());
    std::vector<std::string> seen;
    std::string url = std::string("/v1/gallery/search?q=meadow&limit=3&sort=") + sort;
    std::string cursor;
    for (int pages = 0; pages < 10; ++pages) {
      auto r = call(Method::kGet, url + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_EQ(r.status, 200) << r.body;
      auto body = json::parse(r.body).as_object();
      for (auto& item : body["items"].as_array()) {
        std::string id(item.as_object()["id"].as_string());
        EXPECT_FALSE(has(seen, id)) << sort << ": " << id << " repeated";
        seen.push_back(id);
      }
      if (body["next"].is_null()) break;
      cursor = std::string(body["next"].as_string());
      if (pages == 0) {
        // Published while the reader pages: not in this candidate set.
        json::object late{{"title", std::string("Meadow late ") + sort},
                          {"prompt", "meadow meadow meadow"}};
        ids.push_back(post(ann, late));
      }
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen, want) << sort << ": exactly the 8 candidates, each once";
  }
  // A new first page takes the newest 8 again, the late posts among them.
  auto fresh = all_ids("/v1/gallery/search?q=meadow&sort=new", {}, 100);
  ASSERT_EQ(fresh.size(), 8u);
  EXPECT_EQ(fresh[0], ids.back());
}

// Words plus structured filters: the filters choose among the word's matches before the
// candidate cap (8 here), so the result is exactly the newest 8 posts passing them (not the
// filtered part of the newest 8 matches), and it pages once with stable cursors in every sort.
TEST_P(GalleryApi, FilteredSearchReturnsExactlyTheMatchingPostsAndPagesThemOnce) {
  User ann = signup("ann");
  User bob = signup("bob");
  std::vector<std::string> ids;  // oldest first; post i has steps 20 + i
  for (int i = 0; i < 24; ++i) {
    json::object body{
        {"title", "Orchard " + std::to_string(i)},
        {"prompt", "an orchard in autumn, " + std::string(i % 4 == 0 ? "orchard " : "") +
                       "ripe fruit on the branches, study " + std::to_string(i)},
        {"tags", json::array{i % 2 == 0 ? "apple" : "pear"}},
        {"params", json::object{{"steps", 20 + i}, {"cfg", i % 3 == 0 ? 7.0 : 4.0}}}};
    ids.push_back(post(i % 5 == 0 ? bob : ann, body));
  }
  // Pass every filter but lack the word; mature (hidden from anonymous readers); private.
  json::object wordless{{"prompt", "a vineyard"},
                        {"tags", json::array{"apple"}},
                        {"params", json::object{{"steps", 30}}}};
  post(ann, wordless);
  json::object mature{{"prompt", "an orchard at night"},
                      {"tags", json::array{"apple"}},
                      {"contentRating", "mature"},
                      {"params", json::object{{"steps", 30}}}};
  const std::string mature_id = post(ann, mature);
  json::object hidden{{"prompt", "a private orchard"},
                      {"tags", json::array{"apple"}},
                      {"visibility", "private"},
                      {"params", json::object{{"steps", 30}}}};
  post(ann, hidden);
  auto want = [&](auto pass) {
    std::vector<std::string> out;
    for (int i = 0; i < 24; ++i) {
      if (pass(i)) out.push_back(ids[static_cast<std::size_t>(i)]);
    }
    return out;
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  // Fewer than the cap pass: exactly those, whatever the page size.
  const auto pear = want([](int i) { return i % 2 == 1 && i <= 5; });
  EXPECT_EQ(sorted(all_ids("/v1/gallery/search?q=orchard&steps=20..25&tag=pear")), sorted(pear));
  EXPECT_EQ(sorted(all_ids("/v1/gallery/search?q=orch&steps=..25&tag=pear", {}, 1)), sorted(pear));
  EXPECT_EQ(sorted(all_ids("/v1/gallery/search?q=orchard+study&cfg=6..&tag=apple&steps=..40")),
            sorted(want([](int i) { return i % 6 == 0 && i <= 20; })));
  EXPECT_EQ(sorted(all_ids("/v1/gallery/search?q=orchard&creator=" + bob.handle + "&tag=apple")),
            sorted(want([](int i) { return i % 10 == 0; })));
  EXPECT_TRUE(all_ids("/v1/gallery/search?q=orchard&steps=60..70").empty());
  // 9 apple posts with steps 24..41 (i = 4, 6, ..., 20): the newest 8 of them are the
  // candidates; the newest 8 matches of the word alone would hold only 3 of them.
  std::vector<std::string> passing = want([](int i) { return i % 2 == 0 && i >= 4 && i <= 20; });
  const std::string url = "/v1/gallery/search?q=orchard&steps=24..41&tag=apple&limit=3&sort=";
  for (const char* sort : {"relevance", "new", "top"}) {
    const std::vector<std::string> candidates(passing.end() - 8, passing.end());
    std::vector<std::string> seen;
    std::string cursor;
    for (int pages = 0; pages < 10; ++pages) {
      auto r = call(Method::kGet, url + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_EQ(r.status, 200) << r.body;
      auto body = json::parse(r.body).as_object();
      EXPECT_LE(body["items"].as_array().size(), 3u);
      for (auto& item : body["items"].as_array()) {
        std::string id(item.as_object()["id"].as_string());
        EXPECT_FALSE(has(seen, id)) << sort << ": " << id << " repeated";
        seen.push_back(id);
      }
      if (pages == 0) {
        auto tags = body["facets"].as_object()["tag"].as_array();
        ASSERT_EQ(tags.size(), 1u) << sort;
        EXPECT_EQ(tags[0].as_object()["count"].as_int64(), 8) << sort << ": facets of the 8";
      }
      if (body["next"].is_null()) break;
      cursor = std::string(body["next"].as_string());
      if (pages == 0) {
        // Published while the reader pages and passing every filter: not in this set.
        json::object late{{"title", std::string("Orchard late ") + sort},
                          {"prompt", "orchard orchard"},
                          {"tags", json::array{"apple"}},
                          {"params", json::object{{"steps", 30}}}};
        passing.push_back(post(ann, late));
      }
    }
    EXPECT_EQ(sorted(seen), sorted(candidates)) << sort << ": exactly the 8 candidates, once";
  }
  // The mature post passes the filters but stays hidden from an anonymous reader.
  EXPECT_FALSE(has(all_ids("/v1/gallery/search?q=orchard&steps=30&tag=apple"), mature_id));
}

TEST_P(GalleryApi, RemixesListDescendantsAndCarryADiffButNeverLeakPrivateOnes) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string root = post(ann, json::parse(R"({"prompt":"a red fox in snow",
      "params":{"steps":20,"sampler":"Euler a"}})")
                                         .as_object());
  json::object remix{{"prompt", "a red fox in deep snow"},
                     {"remixOf", root},
                     {"params", json::parse(R"({"steps":30,"sampler":"Euler a"})")}};
  const std::string child = post(bob, remix);
  json::object grand{{"remixOf", child}, {"prompt", "a fox"}};
  const std::string grandchild = post(ann, grand);
  json::object hidden{{"remixOf", root}, {"visibility", "private"}};
  const std::string private_remix = post(bob, hidden);
  EXPECT_EQ(all_ids("/v1/gallery/posts/" + root + "/remixes?x=1", ann.token, 1),
            (std::vector<std::string>{child, grandchild}));
  auto p = get_post(child);
  auto& diff = p["remixDiff"].as_object();
  EXPECT_EQ(diff["prompt"].as_array()[1].as_object()["op"].as_string(), "added");
  EXPECT_EQ(diff["prompt"].as_array()[1].as_object()["text"].as_string(), "deep");
  ASSERT_EQ(diff["params"].as_array().size(), 1u);
  EXPECT_EQ(diff["params"].as_array()[0].as_object()["field"].as_string(), "steps");
  EXPECT_TRUE(get_post(root)["remixDiff"].is_null());
  json::object to_private{{"visibility", "private"}};
  ASSERT_EQ(
      call(Method::kPatch, "/v1/gallery/posts/" + root, ann.token, json::serialize(to_private))
          .status,
      200);
  EXPECT_TRUE(get_post(child, bob.token)["remixDiff"].is_null()) << "a private parent leaked";
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + root + "/remixes", bob.token).status, 404);
  EXPECT_EQ(all_ids("/v1/gallery/posts/" + root + "/remixes?x=1", ann.token),
            (std::vector<std::string>{child, grandchild}))
      << "the private remix " << private_remix << " is listed";
}

TEST_P(GalleryApi, CollectionsKeepPrivateOnesAndHiddenPostsFromOthers) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string pub = post(bob, {});
  const std::string bobs_private = post(bob, {{"visibility", "private"}});
  const std::string anns_draft = post(ann, {{"visibility", "draft"}});
  auto create = [&](const char* body) {
    auto r = call(Method::kPost, "/v1/gallery/collections", ann.token, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).as_object()["id"].as_string());
  };
  const std::string open = create(R"({"name":"Favourites"})");
  const std::string secret = create(R"({"name":"Secret","public":false})");
  const std::string base = "/v1/gallery/collections/";
  EXPECT_EQ(call(Method::kPut, base + open + "/posts/" + pub, ann.token).status, 204);
  EXPECT_EQ(call(Method::kPut, base + open + "/posts/" + pub, ann.token).status, 204);
  EXPECT_EQ(call(Method::kPut, base + open + "/posts/" + anns_draft, ann.token).status, 204);
  EXPECT_EQ(call(Method::kPut, base + open + "/posts/" + bobs_private, ann.token).status, 404)
      << "a post the owner cannot see";
  EXPECT_EQ(call(Method::kPut, base + open + "/posts/" + pub, bob.token).status, 403);
  EXPECT_EQ(call(Method::kPatch, base + open, bob.token, R"({"name":"mine"})").status, 403);
  EXPECT_EQ(call(Method::kDelete, base + open, bob.token).status, 403);
  for (const std::string& method_path : {secret}) {
    EXPECT_EQ(call(Method::kGet, base + method_path, bob.token).status, 404);
    EXPECT_EQ(call(Method::kGet, base + method_path).status, 404);
    EXPECT_EQ(call(Method::kDelete, base + method_path, bob.token).status, 404);
  }
  auto seen_by_bob = call(Method::kGet, base + open, bob.token);
  ASSERT_EQ(seen_by_bob.status, 200);
  auto items = json::parse(seen_by_bob.body).as_object()["posts"].as_object()["items"].as_array();
  ASSERT_EQ(items.size(), 1u) << "ann's draft leaked through her collection";
  EXPECT_EQ(items[0].as_object()["id"].as_string(), pub);
  auto own = call(Method::kGet, base + open, ann.token);
  EXPECT_EQ(json::parse(own.body).as_object()["posts"].as_object()["items"].as_array().size(), 2u);
  EXPECT_EQ(all_ids("/v1/gallery/users/" + ann.handle + "/collections?x=1", bob.token),
            std::vector<std::string>{open});
  EXPECT_EQ(all_ids("/v1/gallery/users/" + ann.handle + "/collections?x=1", ann.token, 1),
            (std::vector<std::string>{secret, open}));
  ASSERT_EQ(call(Method::kPatch, base + open, ann.token, R"({"public":false})").status, 200);
  EXPECT_EQ(call(Method::kGet, base + open, bob.token).status, 404);
  EXPECT_EQ(call(Method::kDelete, base + open + "/posts/" + pub, ann.token).status, 204);
  EXPECT_EQ(call(Method::kDelete, base + secret, ann.token).status, 204);
  EXPECT_EQ(call(Method::kGet, base + secret, ann.token).status, 404);
}

TEST_P(GalleryApi, SimilarPostsShareTheirPromptWordsAndNeverIncludeHiddenOnes) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string fox = post(ann, {{"prompt", "a red fox sleeping in fresh snow at dawn"}});
  const std::string close = post(bob, {{"prompt", "a red fox sleeping in deep snow"}});
  const std::string far = post(bob, {{"prompt", "a blue whale under arctic ice"}});
  const std::string hidden =
      post(bob, {{"prompt", "a red fox sleeping in fresh snow"}, {"visibility", "private"}});
  auto ids = all_ids("/v1/gallery/posts/" + fox + "/similar?x=1", ann.token);
  EXPECT_EQ(ids, std::vector<std::string>{close});
  EXPECT_FALSE(has(ids, far) || has(ids, hidden) || has(ids, fox));
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + hidden + "/similar", ann.token).status, 404);
}

// media.processed as the media service writes it (a ready media with two variants, or failed).
json::object processed(const std::string& media, const std::string& owner, const char* status,
                       const char* moderation = "approved") {
  json::object d{{"mediaId", media}, {"ownerId", owner}, {"status", status}};
  if (std::string(status) == "ready") {
    d["width"] = 1024;
    d["height"] = 768;
    d["blurhash"] = "LEHV6nWB2yk8pyo0adR*.7kCMdnj";
    d["dominantColor"] = "#a8c8e8";
    d["moderation"] = moderation;
    json::array variants;
    for (int w : {256, 1024}) {
      variants.push_back(json::object{
          {"name", "w" + std::to_string(w)},
          {"key", "/media/v/" + media + "/0123456789abcdef/" + std::to_string(w) + ".webp"},
          {"width", w},
          {"height", w * 3 / 4},
          {"contentType", "image/webp"}});
    }
    d["variants"] = variants;
  } else {
    d["failureReason"] = "the file is truncated";
  }
  return d;
}

// The ids and statuses of a post's `media`, in order ("id:status").
std::vector<std::string> media_of(json::object& post) {
  std::vector<std::string> out;
  for (auto& m : post["media"].as_array()) {
    auto& o = m.as_object();
    out.push_back(std::string(o["id"].as_string()) + ":" + std::string(o["status"].as_string()));
  }
  return out;
}

TEST_P(GalleryApi, MediaFollowsMediaProcessedInImageOrderAndLeavesOutOthersMedia) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string post_id =
      post(ann, {{"images", json::array{"9001", "9002", "9003", "9004", "9005"}}});
  auto p = get_post(post_id);
  using V = std::vector<std::string>;
  EXPECT_EQ(media_of(p),
            (V{"9001:pending", "9002:pending", "9003:pending", "9004:pending", "9005:pending"}));
  EXPECT_TRUE(p["media"].as_array()[0].as_object()["variants"].as_array().empty());
  EXPECT_TRUE(p["media"].as_array()[0].as_object()["blurhash"].is_null());

  publish("media.processed", "9001", processed("9001", ann.id, "ready"));
  publish("media.processed", "9002", processed("9002", bob.id, "ready"));  // not ann's
  publish("media.processed", "9003", processed("9003", ann.id, "failed"));
  publish("media.processed", "9004", processed("9004", ann.id, "ready", "rejected"));
  publish("media.processed", "9005", processed("9005", ann.id, "ready", "needs_review"));
  ASSERT_TRUE(eventually([&] {
    auto q = get_post(post_id);
    return media_of(q) == V{"9001:ready", "9003:failed", "9004:rejected", "9005:pending"};
  })) << json::serialize(get_post(post_id));
  p = get_post(post_id);
  auto ready = p["media"].as_array()[0].as_object();
  EXPECT_EQ(ready["width"].as_int64(), 1024);
  EXPECT_EQ(ready["height"].as_int64(), 768);
  EXPECT_EQ(ready["blurhash"].as_string(), "LEHV6nWB2yk8pyo0adR*.7kCMdnj");
  EXPECT_EQ(ready["dominantColor"].as_string(), "#a8c8e8");
  auto& variants = ready["variants"].as_array();
  ASSERT_EQ(variants.size(), 2u);
  auto v = variants[1].as_object();
  EXPECT_EQ(v["url"].as_string(), "/media/v/9001/0123456789abcdef/1024.webp");
  EXPECT_EQ(v["width"].as_int64(), 1024);
  EXPECT_EQ(v["height"].as_int64(), 768);
  EXPECT_EQ(v["contentType"].as_string(), "image/webp");
  EXPECT_EQ(v.size(), 4u);  // width, height, url, contentType
  for (int i : {1, 2, 3}) {
    EXPECT_TRUE(p["media"].as_array()[i].as_object()["variants"].as_array().empty());
  }
  // `images` stays as the author wrote it.
  EXPECT_EQ(p["images"].as_array().size(), 5u);

  // Feed items carry the same `media`.
  auto feed = call(Method::kGet, "/v1/gallery/feed?sort=new");
  ASSERT_EQ(feed.status, 200);
  auto items = json::parse(feed.body).as_object()["items"].as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(media_of(items[0].as_object()),
            (V{"9001:ready", "9003:failed", "9004:rejected", "9005:pending"}));

  // An older event (redelivered out of order) changes nothing; the review's newer one does.
  const int64_t now = Clock::system().now_ms();
  publish("media.processed", "9001", processed("9001", ann.id, "failed"), now - 3'600'000);
  publish("media.processed", "9005", processed("9005", ann.id, "ready", "approved"), now + 1000);
  ASSERT_TRUE(eventually([&] {
    auto q = get_post(post_id);
    return media_of(q) == V{"9001:ready", "9003:failed", "9004:rejected", "9005:ready"};
  })) << json::serialize(get_post(post_id));

  // Known media of someone else, failed or rejected media are refused when writing a post.
  for (const char* bad : {"9002", "9003", "9004"}) {
    auto r = call(Method::kPost, "/v1/gallery/posts", ann.token,
                  std::string(R"({"title":"t","prompt":"p","images":["9001",")") + bad + "\"]}");
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_NE(r.body.find("images.1"), std::string::npos) << r.body;
  }
  auto patch =
      call(Method::kPatch, "/v1/gallery/posts/" + post_id, ann.token, R"({"images":["9002"]})");
  EXPECT_EQ(patch.status, 400) << patch.body;
  EXPECT_EQ(media_of(p = get_post(post_id)).size(), 4u);  // unchanged

  // user.deleted removes the user's media copy: the id is unknown (pending) again.
  publish("user.deleted", bob.id, {{"userId", bob.id}, {"deletedAt", "2026-12-02T00:00:00.000Z"}});
  ASSERT_TRUE(eventually([&] {
    return call(Method::kPost, "/v1/gallery/posts", ann.token,
                R"({"title":"t","prompt":"p","images":["9002"]})")
               .status == 201;
  }));
}

TEST_P(GalleryApi, PostViewsRaiseViewCountAndHotAndReplaysChangeNothing) {
  User ann = signup("ann");
  const std::string older = post(ann, {{"title", "older"}});
  const std::string newer = post(ann, {{"title", "newer"}});
  auto hot_ids = [&] { return all_ids("/v1/gallery/feed?sort=hot"); };
  ASSERT_EQ(hot_ids(), (std::vector<std::string>{newer, older}));
  const std::string at = "2026-12-03T08:00:00.000Z";
  publish("analytics.post_views", older, {{"postId", older}, {"views", 5000}, {"at", at}});
  ASSERT_TRUE(eventually([&] { return get_post(older)["viewCount"].as_int64() == 5000; }));
  // log10(1 + 500) of engagement outweighs the seconds between the two posts.
  EXPECT_EQ(hot_ids(), (std::vector<std::string>{older, newer}));
  // A replay (the same total again) and an older, smaller total change nothing; a later event
  // on the other post shows the consumer has passed them.
  publish("analytics.post_views", older, {{"postId", older}, {"views", 5000}, {"at", at}});
  publish("analytics.post_views", older, {{"postId", older}, {"views", 300}, {"at", at}});
  publish("analytics.post_views", newer, {{"postId", newer}, {"views", 7}, {"at", at}});
  ASSERT_TRUE(eventually([&] { return get_post(newer)["viewCount"].as_int64() == 7; }));
  EXPECT_EQ(get_post(older)["viewCount"].as_int64(), 5000);
  EXPECT_EQ(hot_ids(), (std::vector<std::string>{older, newer}));
  // An unknown post is skipped without stopping the topic.
  publish("analytics.post_views", "12345", {{"postId", "12345"}, {"views", 9}, {"at", at}});
  publish("analytics.post_views", newer, {{"postId", newer}, {"views", 8}, {"at", at}});
  EXPECT_TRUE(eventually([&] { return get_post(newer)["viewCount"].as_int64() == 8; }));
}

TEST_P(GalleryApi, WarmReadsShowALikeOrAnEditAtOnceAndNeverLeakLikedByMe) {
  User ann = signup("ann");
  User bob = signup("bob");
  const std::string id = post(ann, {{"title", "first title"}});
  auto feed_item = [&](const std::string& token) {
    auto r = call(Method::kGet, "/v1/gallery/feed?sort=hot&limit=5", token);
    EXPECT_EQ(r.status, 200);
    auto items = json::parse(r.body).as_object()["items"].as_array();
    return items.empty() ? json::object{} : items[0].as_object();
  };
  // Warm both the anonymous and bob's pages and post bodies.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(feed_item("")["likeCount"].as_int64(), 0);
    EXPECT_EQ(feed_item(bob.token)["likeCount"].as_int64(), 0);
    EXPECT_EQ(get_post(id)["likeCount"].as_int64(), 0);
    EXPECT_FALSE(get_post(id, bob.token)["likedByMe"].as_bool());
  }
  ASSERT_EQ(call(Method::kPut, "/v1/gallery/posts/" + id + "/like", bob.token).status, 200);
  // No waiting: the next read of anyone shows the like; likedByMe only for bob.
  EXPECT_EQ(feed_item("")["likeCount"].as_int64(), 1);
  EXPECT_FALSE(feed_item("")["likedByMe"].as_bool());
  EXPECT_TRUE(feed_item(bob.token)["likedByMe"].as_bool());
  EXPECT_FALSE(feed_item(ann.token)["likedByMe"].as_bool());
  EXPECT_EQ(get_post(id)["likeCount"].as_int64(), 1);
  EXPECT_TRUE(get_post(id, bob.token)["likedByMe"].as_bool());
  EXPECT_FALSE(get_post(id, ann.token)["likedByMe"].as_bool());
  ASSERT_EQ(
      call(Method::kPatch, "/v1/gallery/posts/" + id, ann.token, R"({"title":"second title"})")
          .status,
      200);
  EXPECT_EQ(get_post(id, ann.token)["title"].as_string(), "second title");
  EXPECT_EQ(get_post(id)["title"].as_string(), "second title");
  EXPECT_EQ(feed_item("")["title"].as_string(), "second title");
  // A warm body keeps its ETag: a matching If-None-Match is 304.
  auto first = call(Method::kGet, "/v1/gallery/posts/" + id);
  const std::string etag(first.header("etag"));
  ASSERT_FALSE(etag.empty());
  auto client = http::HttpClient::create();
  auto again = client->send({Method::kGet,
                             server_->base_url() + "/v1/gallery/posts/" + id,
                             {{"if-none-match", etag}},
                             {}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 304);
  // Private posts stay private through the cache: once ann makes it private, others get 404.
  ASSERT_EQ(
      call(Method::kPatch, "/v1/gallery/posts/" + id, ann.token, R"({"visibility":"private"})")
          .status,
      200);
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + id).status, 404);
  EXPECT_EQ(call(Method::kGet, "/v1/gallery/posts/" + id, bob.token).status, 404);
  EXPECT_TRUE(feed_item("").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, GalleryApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace sp::testing
