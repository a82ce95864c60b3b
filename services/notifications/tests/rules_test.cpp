// The inbox's pure rules: categories, preferences, milestones, actor lists, item JSON.
#include "logic/rules.hpp"

#include <gtest/gtest.h>

namespace sp::notifications {
namespace {

TEST(Rules, KindsMapToTheProfileCategories) {
  EXPECT_EQ(category_of("follow"), "follows");
  EXPECT_EQ(category_of("new_post"), "follows");
  EXPECT_EQ(category_of("like"), "likes");
  EXPECT_EQ(category_of("like_milestone"), "likes");
  EXPECT_EQ(category_of("comment"), "comments");
  EXPECT_EQ(category_of("remix"), "remixes");
  EXPECT_EQ(category_of("welcome"), "product");
}

TEST(Rules, InAppIsOnUnlessTheCategoryTurnedItOffAndWelcomeAlwaysIs) {
  Preferences p;
  EXPECT_TRUE(in_app_allowed(p, "like"));
  EXPECT_FALSE(email_allowed(p, "likes"));
  p.channels["likes"] = {.in_app = false, .email = true};
  p.channels["product"] = {.in_app = false, .email = false};
  EXPECT_FALSE(in_app_allowed(p, "like"));
  EXPECT_FALSE(in_app_allowed(p, "like_milestone"));
  EXPECT_TRUE(in_app_allowed(p, "comment"));
  EXPECT_TRUE(in_app_allowed(p, "welcome"));
  EXPECT_TRUE(email_allowed(p, "likes"));
}

TEST(Rules, MilestonesAreTheHighestNewOneReached) {
  EXPECT_EQ(milestone_reached(0, 9), std::nullopt);
  EXPECT_EQ(milestone_reached(0, 10), 10);
  EXPECT_EQ(milestone_reached(10, 10), std::nullopt);
  EXPECT_EQ(milestone_reached(10, 49), std::nullopt);
  EXPECT_EQ(milestone_reached(10, 120), 100);  // a jump announces the highest only
  EXPECT_EQ(milestone_reached(500, 1000), 1000);
  EXPECT_EQ(milestone_reached(1000, 5000), std::nullopt);
}

TEST(Rules, ANewActorGoesFirstWithoutRepeatsAndTheListIsCapped) {
  EXPECT_EQ(with_actor({}, 1), (std::vector<int64_t>{1}));
  EXPECT_EQ(with_actor({1, 2, 3}, 4), (std::vector<int64_t>{4, 1, 2}));
  EXPECT_EQ(with_actor({1, 2, 3}, 2), (std::vector<int64_t>{2, 1, 3}));
}

TEST(Rules, ItemJsonHasTheContractFields) {
  Notification n{.id = 5,
                 .user_id = 1,
                 .kind = "like",
                 .subject_type = "post",
                 .subject_id = 9,
                 .subject_title = "A \"quoted\" title",
                 .actor_ids = {2},
                 .actor_count = 13,
                 .group_key = "like:9",
                 .read = false,
                 .created_at_ms = 0};
  std::string json = item_json(
      n, {Actor{.id = 2, .handle = "ana", .display_name = "Ana", .avatar = std::nullopt}});
  EXPECT_EQ(json.substr(0, json.find(",\"createdAt\":\"1970-01-01T00:00:00")),
            R"({"id":"5","kind":"like","actors":[{"id":"2","handle":"ana","displayName":"Ana",)"
            R"("avatar":null}],"actorCount":13,"subject":{"type":"post","id":"9",)"
            R"("title":"A \"quoted\" title"},"read":false)");
}

TEST(Rules, PreferencesComeFromTheEventsOptionalMembers) {
  Preferences p = preferences_from_event(
      R"({"userId":"1","notifications":{"likes":{"inApp":false,"email":true}},)"
      R"("digest":"weekly","timezone":"Europe/Paris"})");
  EXPECT_FALSE(p.channels.at("likes").in_app);
  EXPECT_TRUE(p.channels.at("likes").email);
  EXPECT_EQ(p.digest, "weekly");
  EXPECT_EQ(p.timezone, "Europe/Paris");
  Preferences old = preferences_from_event(R"({"userId":"1","contentRating":"soft"})");
  EXPECT_TRUE(old.channels.empty());
  EXPECT_EQ(old.digest, "off");
  Preferences back = preferences_from_row(channels_json(p), p.digest, p.timezone);
  EXPECT_FALSE(back.channels.at("likes").in_app);
}

}  // namespace
}  // namespace sp::notifications
