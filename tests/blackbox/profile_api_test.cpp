// The profile API of the real binary over real sockets, on SQLite (embedded) and on PostgreSQL
// (a schema per run for auth, profile and the event log): exact counts under concurrent repeats,
// stable paging while the graph changes, ownership, blocks, input validation, user.deleted,
// forged cursors.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "png_fixture.hpp"
#include "profile_client.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::testing {
namespace {

using http::Method;

class ProfileApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !db::testing::postgres_dsn_for_tests()) {
      GTEST_SKIP() << "no PostgreSQL for tests (run through ctest, which starts one)";
    }
    server_ = std::make_unique<ServerProcess>(profile_server_options(GetParam()));
    ASSERT_TRUE(server_->started()) << server_->log();
    api_ = std::make_unique<ProfileClient>(*server_);
  }
  TestUser user(const std::string& handle) {
    TestUser u = api_->sign_up(handle);
    EXPECT_FALSE(u.token.empty()) << "sign-up of " << handle << " failed";
    return u;
  }
  int follow(const TestUser& who, const std::string& handle, Method m = Method::kPut) {
    return api_->call(m, "/v1/profiles/" + handle + "/follow", {}, who.token).status;
  }
  // Every handle of a list, page by page (limit 3), calling `between` after each page.
  std::vector<std::string> all_pages(
      const std::string& path, const std::function<void()>& between = [] {}) {
    std::vector<std::string> handles;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      std::string url = path + "?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor);
      auto r = api_->call(Method::kGet, url);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      json::object body = json::parse(r.body).as_object();
      for (const auto& item : body.at("items").as_array()) {
        handles.emplace_back(item.at("handle").as_string());
      }
      between();
      if (body.at("next").is_null()) break;
      cursor = std::string(body.at("next").as_string());
    }
    return handles;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ProfileClient> api_;
};

TEST_P(ProfileApi, SignUpMakesAPublicProfileWithAnETag) {
  user("ann_p");
  auto r = api_->call(Method::kGet, "/v1/profiles/ANN_P");
  ASSERT_EQ(r.status, 200) << r.body;
  json::object p = json::parse(r.body).as_object();
  EXPECT_EQ(p.at("handle").as_string(), "ann_p");
  EXPECT_EQ(p.at("displayName").as_string(), "ann_p");
  EXPECT_TRUE(p.at("avatar").is_null());
  EXPECT_EQ(p.at("followersCount").as_int64(), 0);
  EXPECT_TRUE(p.at("joinedAt").is_string());
  const std::string etag(r.header("etag"));
  ASSERT_FALSE(etag.empty());
  auto again = api_->call(Method::kGet, "/v1/profiles/ann_p", {}, {}, {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/nobody_here").status, 404);
}

TEST_P(ProfileApi, FiftyConcurrentRepeatedFollowsKeepCountsExact) {
  const TestUser star = user("star_p");
  std::vector<TestUser> fans;
  for (int i = 0; i < 5; ++i) fans.push_back(user("fan_p" + std::to_string(i)));
  std::atomic<int> not_204{0};
  auto storm = [&](Method m) {
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i) {
      threads.emplace_back([&, i] {
        if (follow(fans[i % fans.size()], "star_p", m) != 204) ++not_204;
      });
    }
    for (auto& t : threads) t.join();
  };
  storm(Method::kPut);
  EXPECT_EQ(not_204.load(), 0);
  EXPECT_EQ(api_->count("star_p", "followersCount"), 5);
  for (const auto& fan : fans) EXPECT_EQ(api_->count(fan.handle, "followingCount"), 1);
  EXPECT_EQ(all_pages("/v1/profiles/star_p/followers").size(), 5u);
  storm(Method::kDelete);
  EXPECT_EQ(not_204.load(), 0);
  EXPECT_EQ(api_->count("star_p", "followersCount"), 0);
  for (const auto& fan : fans) EXPECT_EQ(api_->count(fan.handle, "followingCount"), 0);
}

TEST_P(ProfileApi, PagingReturnsEveryFollowerOnceWhileFollowsAreAdded) {
  user("idol_p");
  std::vector<TestUser> early, late;
  for (int i = 0; i < 10; ++i) early.push_back(user("early_p" + std::to_string(i)));
  for (int i = 0; i < 4; ++i) late.push_back(user("late_p" + std::to_string(i)));
  for (const auto& u : early) ASSERT_EQ(follow(u, "idol_p"), 204);
  std::size_t added = 0;
  auto seen = all_pages("/v1/profiles/idol_p/followers", [&] {
    if (added < late.size()) {
      EXPECT_EQ(follow(late[added++], "idol_p"), 204);
    }
  });
  std::map<std::string, int> times;
  for (const auto& h : seen) ++times[h];
  for (const auto& [handle, n] : times) EXPECT_EQ(n, 1) << handle << " listed " << n << " times";
  for (const auto& u : early) EXPECT_EQ(times[u.handle], 1) << u.handle << " missing";
  EXPECT_EQ(static_cast<int64_t>(seen.size()), api_->count("idol_p", "followersCount"));
  auto following = all_pages("/v1/profiles/early_p0/following");
  EXPECT_EQ(following, std::vector<std::string>{"idol_p"});
}

TEST_P(ProfileApi, AUserCannotChangeAnotherUsersProfileOrPreferences) {
  const TestUser owner = user("owner_p");
  const TestUser other = user("other_p");
  const auto before = api_->call(Method::kGet, "/v1/profiles/owner_p").body;
  const auto prefs_before =
      api_->call(Method::kGet, "/v1/profiles/me/preferences", {}, owner.token).body;
  const std::string change = R"({"bio":"owned"})";
  for (const char* path : {"/v1/profiles/owner_p", "/v1/profiles/owner_p/preferences"}) {
    auto r = api_->call(Method::kPatch, path, change, other.token);
    EXPECT_TRUE(r.status == 403 || r.status == 404 || r.status == 405) << path << " " << r.status;
  }
  // Without a token nothing is written either.
  EXPECT_EQ(api_->call(Method::kPatch, "/v1/profiles/me", change).status, 401);
  EXPECT_EQ(
      api_->call(Method::kPatch, "/v1/profiles/me/preferences", R"({"digest":"daily"})").status,
      401);
  // An API key without profile:write cannot edit even its owner's profile.
  auto key = api_->call(Method::kPost, "/v1/auth/api-keys",
                        R"({"name":"ro","scopes":["gallery:write"]})", owner.token);
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string api_key(json::parse(key.body).at("key").as_string());
  EXPECT_EQ(api_->call(Method::kPatch, "/v1/profiles/me", change, api_key).status, 403);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/owner_p").body, before);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/me/preferences", {}, owner.token).body,
            prefs_before);
  // The other user's own edit changes only their profile.
  ASSERT_EQ(api_->call(Method::kPatch, "/v1/profiles/me", change, other.token).status, 200);
  EXPECT_EQ(api_->get_object("/v1/profiles/other_p").at("bio").as_string(), "owned");
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/owner_p").body, before);
}

TEST_P(ProfileApi, BlocksRefuseFollowsBothWaysAndRemoveExistingOnes) {
  const TestUser a = user("blocker_p");
  const TestUser b = user("blocked_p");
  ASSERT_EQ(follow(a, "blocked_p"), 204);
  ASSERT_EQ(follow(b, "blocker_p"), 204);
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/blocked_p/block", {}, a.token).status, 204);
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/blocked_p/block", {}, a.token).status, 204);
  EXPECT_EQ(follow(b, "blocker_p"), 403);
  EXPECT_EQ(follow(a, "blocked_p"), 403);
  for (const char* h : {"blocker_p", "blocked_p"}) {
    EXPECT_EQ(api_->count(h, "followersCount"), 0) << h;
    EXPECT_EQ(api_->count(h, "followingCount"), 0) << h;
  }
  EXPECT_TRUE(api_->get_object("/v1/profiles/blocked_p", a.token).at("blockedByMe").as_bool());
  auto blocks = api_->call(Method::kGet, "/v1/profiles/me/blocks", {}, a.token);
  ASSERT_EQ(blocks.status, 200);
  EXPECT_EQ(json::parse(blocks.body).at("items").as_array().size(), 1u);
  ASSERT_EQ(api_->call(Method::kDelete, "/v1/profiles/blocked_p/block", {}, a.token).status, 204);
  EXPECT_EQ(follow(b, "blocker_p"), 204);
  EXPECT_EQ(follow(a, "blocker_p"), 400) << "self-follow";
}

TEST_P(ProfileApi, BadInputIsOneBadRequestListingEveryField) {
  const TestUser u = user("picky_p");
  const std::string bio(501, 'x');
  auto r = api_->call(Method::kPatch, "/v1/profiles/me",
                      R"({"bio":")" + bio +
                          R"J(","links":["https://ok.example","javascript:alert(1)","ftp://x"],)J"
                          R"("displayName":42,"followersCount":9,"colour":"red"})",
                      u.token);
  ASSERT_EQ(r.status, 400) << r.body;
  auto fields = problem_fields(r);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"bio", "colour", "displayName", "followersCount",
                                              "links.1", "links.2"}));
  auto many = api_->call(Method::kPatch, "/v1/profiles/me",
                         R"({"links":["http://a.b","http://a.b","http://a.b","http://a.b",)"
                         R"("http://a.b","http://a.b"]})",
                         u.token);
  EXPECT_EQ(many.status, 400);
  EXPECT_EQ(problem_fields(many), std::vector<std::string>{"links"});
  auto prefs =
      api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                 R"({"timezone":"Mars/Olympus_Mons","digest":"hourly",)"
                 R"("contentRating":7,"notifications":{"likes":{"email":"yes"},"spam":{}},)"
                 R"("hiddenTags":"nsfw"})",
                 u.token);
  ASSERT_EQ(prefs.status, 400) << prefs.body;
  fields = problem_fields(prefs);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"contentRating", "digest", "hiddenTags",
                                              "notifications.likes.email", "notifications.spam",
                                              "timezone"}));
  auto explicit_without_opt_in = api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                                            R"({"contentRating":"explicit"})", u.token);
  EXPECT_EQ(explicit_without_opt_in.status, 400);
  EXPECT_EQ(problem_fields(explicit_without_opt_in), std::vector<std::string>{"contentRating"});
  // Nothing was written by any of them.
  json::object p = api_->get_object("/v1/profiles/picky_p");
  EXPECT_EQ(p.at("bio").as_string(), "");
  EXPECT_TRUE(p.at("links").as_array().empty());
  json::object pr = api_->get_object("/v1/profiles/me/preferences", u.token);
  EXPECT_EQ(pr.at("contentRating").as_string(), "soft");
  EXPECT_EQ(pr.at("timezone").as_string(), "UTC");
}

TEST_P(ProfileApi, PreferencesRoundTripWithTheOptInAndHandles) {
  const TestUser u = user("prefs_p");
  user("hidden_p");
  auto r = api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                      R"({"explicitOptIn":true,"contentRating":"explicit","hiddenTags":[" Gore "],)"
                      R"("hiddenCreators":["Hidden_P"],"digest":"weekly",)"
                      R"("notifications":{"likes":{"email":true}},"timezone":"Europe/Paris"})",
                      u.token);
  ASSERT_EQ(r.status, 200) << r.body;
  json::object p = api_->get_object("/v1/profiles/me/preferences", u.token);
  EXPECT_EQ(p.at("contentRating").as_string(), "explicit");
  EXPECT_EQ(p.at("hiddenTags").as_array()[0].as_string(), "gore");
  EXPECT_EQ(p.at("hiddenCreators").as_array()[0].as_string(), "hidden_p");
  EXPECT_EQ(p.at("digest").as_string(), "weekly");
  EXPECT_TRUE(p.at("notifications").at("likes").at("email").as_bool());
  EXPECT_TRUE(p.at("notifications").at("likes").at("inApp").as_bool());
  EXPECT_EQ(p.at("notifications").as_object().size(), 7u);
  EXPECT_EQ(p.at("timezone").as_string(), "Europe/Paris");
  auto unknown = api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                            R"({"hiddenCreators":["hidden_p","no_such_user"]})", u.token);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(problem_fields(unknown), std::vector<std::string>{"hiddenCreators.1"});
}

TEST_P(ProfileApi, UserDeletedRemovesTheProfileAndItsEdges) {
  const TestUser gone = user("gone_p");
  const TestUser friend_ = user("friend_p");
  const TestUser fan = user("fan_of_gone");
  ASSERT_EQ(follow(gone, "friend_p"), 204);
  ASSERT_EQ(follow(friend_, "gone_p"), 204);
  ASSERT_EQ(follow(fan, "gone_p"), 204);
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/fan_of_gone/block", {}, gone.token).status, 204);
  auto wrong = api_->call(Method::kPost, "/v1/auth/account/delete",
                          R"({"currentPassword":"not the password"})", gone.token);
  EXPECT_EQ(wrong.status, 400);
  auto r =
      api_->call(Method::kPost, "/v1/auth/account/delete",
                 std::string(R"({"currentPassword":")") + kProfilePassword + "\"}", gone.token);
  ASSERT_EQ(r.status, 204) << r.body;
  ASSERT_TRUE(api_->wait_for_status("/v1/profiles/gone_p", 404));
  EXPECT_EQ(api_->count("friend_p", "followersCount"), 0);
  EXPECT_EQ(api_->count("friend_p", "followingCount"), 0);
  EXPECT_EQ(api_->count("fan_of_gone", "followingCount"), 0);
  EXPECT_TRUE(all_pages("/v1/profiles/friend_p/followers").empty());
  EXPECT_TRUE(all_pages("/v1/profiles/fan_of_gone/following").empty());
  // The block went with it: the fan can follow someone new without a stale edge in the way.
  EXPECT_EQ(follow(fan, "friend_p"), 204);
  auto login =
      api_->call(Method::kPost, "/v1/auth/login",
                 std::string(R"({"login":"gone_p","password":")") + kProfilePassword + "\"}");
  EXPECT_EQ(login.status, 401);
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/me", {}, gone.token).status, 401);
}

TEST_P(ProfileApi, AForgedOrForeignFollowerCursorIs400) {
  user("listed_p");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(follow(user("lister_p" + std::to_string(i)), "listed_p"), 204);
  auto first = api_->call(Method::kGet, "/v1/profiles/listed_p/followers?limit=1");
  ASSERT_EQ(first.status, 200);
  std::string next(json::parse(first.body).at("next").as_string());
  ASSERT_FALSE(next.empty());
  std::string forged = next;
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& path :
       {"/v1/profiles/listed_p/followers?cursor=" + forged,
        std::string("/v1/profiles/listed_p/followers?cursor=not-a-cursor"),
        "/v1/profiles/lister_p0/followers?cursor=" + next,
        "/v1/profiles/listed_p/following?cursor=" + next}) {
    auto r = api_->call(Method::kGet, path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(problem_fields(r), std::vector<std::string>{"cursor"}) << path;
  }
  EXPECT_EQ(api_->call(Method::kGet, "/v1/profiles/listed_p/followers?cursor=" + next).status, 200);
}

// An avatar names the user's own upload once media.processed said it is ready and approved;
// profiles then carry the URL of its variant (`avatarUrl`), in lists too. Someone else's media,
// an unknown id and (until the event arrives) a pending upload are 400 naming `avatar`.
TEST_P(ProfileApi, AnAvatarIsTheUsersOwnProcessedImageAndRendersAsAVariantUrl) {
  TestUser ann = user("ann_av");
  TestUser bob = user("bob_av");
  auto client = http::HttpClient::create();
  auto uploaded =
      client->send({Method::kPost,
                    server_->base_url() + "/v1/media/uploads",
                    {{"authorization", "Bearer " + ann.token}, {"content-type", "image/png"}},
                    gradient_png(300, 200)});
  ASSERT_TRUE(uploaded.ok() && uploaded->status == 202) << (uploaded.ok() ? uploaded->body : "");
  const std::string media(json::parse(uploaded->body).at("id").as_string());
  auto avatar_of = [&](const TestUser& who, const std::string& value) {
    return api_->call(Method::kPatch, "/v1/profiles/me", R"({"avatar":)" + value + "}", who.token);
  };
  auto names_avatar = [](const http::ClientResponse& r) {
    return r.status == 400 && r.body.find("\"field\":\"avatar\"") != std::string::npos;
  };

  EXPECT_TRUE(names_avatar(avatar_of(ann, R"("123456789")")));
  http::ClientResponse set;
  ASSERT_TRUE(eventually(
      [&] {
        set = avatar_of(ann, "\"" + media + "\"");
        if (set.status != 200) {
          EXPECT_TRUE(names_avatar(set)) << set.body;
        }
        return set.status == 200;
      },
      std::chrono::seconds(30)))
      << set.body;
  json::object own = json::parse(set.body).as_object();
  EXPECT_EQ(own.at("avatar").as_string(), media);
  ASSERT_TRUE(own.at("avatarUrl").is_string()) << set.body;
  const std::string url(own.at("avatarUrl").as_string());
  EXPECT_EQ(url.rfind("/media/", 0), 0u) << url;
  auto image = client->send({Method::kGet, server_->base_url() + url, {}, {}});
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->status, 200);
  EXPECT_EQ(image->header("content-type"), "image/webp");

  // The gallery's copy of Ann's profile (from profile.updated) carries it to her post's author.
  auto post = api_->call(Method::kPost, "/v1/gallery/posts",
                         R"({"title":"Avatar test","prompt":"a portrait","visibility":"public"})",
                         ann.token);
  ASSERT_EQ(post.status, 201) << post.body;
  const std::string post_id(json::parse(post.body).at("id").as_string());
  EXPECT_TRUE(eventually([&] {
    auto read = api_->call(Method::kGet, "/v1/gallery/posts/" + post_id);
    if (read.status != 200) return false;
    const json::value body = json::parse(read.body);
    const json::value& author = body.at("author");
    return author.at("avatarUrl").is_string() && author.at("avatarUrl").as_string() == url;
  })) << "the post's author card never showed the avatar";

  // Bob cannot wear Ann's image.
  EXPECT_TRUE(names_avatar(avatar_of(bob, "\"" + media + "\"")));
  // Everyone sees it, on the profile and in lists; avatarUrl is read-only.
  auto page = api_->call(Method::kGet, "/v1/profiles/ann_av");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(json::parse(page.body).at("avatarUrl").as_string(), url);
  ASSERT_EQ(follow(bob, "ann_av"), 204);
  auto following = api_->call(Method::kGet, "/v1/profiles/bob_av/following");
  ASSERT_EQ(following.status, 200);
  EXPECT_EQ(json::parse(following.body).at("items").at(0).at("avatarUrl").as_string(), url);
  auto read_only =
      api_->call(Method::kPatch, "/v1/profiles/me", R"({"avatarUrl":"/x"})", ann.token);
  EXPECT_EQ(read_only.status, 400);
  // Cleared: both null.
  auto cleared = avatar_of(ann, "null");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(json::parse(cleared.body).at("avatar").is_null());
  EXPECT_TRUE(json::parse(cleared.body).at("avatarUrl").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, ProfileApi, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace sp::testing
