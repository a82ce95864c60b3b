// The follow graph, blocks, preferences and the consumed events over the real store, on SQLite
// and on the test PostgreSQL.
#include "logic/follow_graph.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "profile_harness.hpp"
#include "strangeprompt/db/testing/postgres.hpp"

namespace sp::profile {
namespace {

class FollowGraphTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *why;
    h_ = std::make_unique<testing::ProfileHarness>(GetParam());
    ann_ = h_->user(101, "ann");
    bob_ = h_->user(202, "bob");
  }
  std::unique_ptr<testing::ProfileHarness> h_;
  int64_t ann_ = 0;
  int64_t bob_ = 0;
};

TEST_P(FollowGraphTest, RepeatedFollowsCountOnceAndPublishOnce) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(h_->graph().follow(ann_, "BOB").ok());
  EXPECT_EQ(h_->profile(bob_).followers_count, 1);
  EXPECT_EQ(h_->profile(ann_).following_count, 1);
  EXPECT_EQ(h_->outbox("profile.followed"), 1);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(h_->graph().unfollow(ann_, "bob").ok());
  EXPECT_EQ(h_->profile(bob_).followers_count, 0);
  EXPECT_EQ(h_->outbox("profile.unfollowed"), 1);
}

TEST_P(FollowGraphTest, ConcurrentRepeatedFollowsKeepCountsExact) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] { EXPECT_TRUE(h_->graph().follow(ann_, "bob").ok()); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(h_->profile(bob_).followers_count, 1);
  EXPECT_EQ(h_->outbox("profile.followed"), 1);
}

TEST_P(FollowGraphTest, SelfFollowAndUnknownHandlesAreRefused) {
  EXPECT_EQ(h_->graph().follow(ann_, "ann").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(h_->graph().follow(ann_, "nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(h_->graph().block(ann_, "ann").error().code, ErrorCode::kInvalidArgument);
}

TEST_P(FollowGraphTest, BlockingRemovesFollowsBothWaysAndRefusesNewOnes) {
  ASSERT_TRUE(h_->graph().follow(ann_, "bob").ok());
  ASSERT_TRUE(h_->graph().follow(bob_, "ann").ok());
  ASSERT_TRUE(h_->graph().block(ann_, "bob").ok());
  EXPECT_EQ(h_->profile(ann_).followers_count, 0);
  EXPECT_EQ(h_->profile(ann_).following_count, 0);
  EXPECT_EQ(h_->profile(bob_).followers_count, 0);
  EXPECT_EQ(h_->outbox("profile.unfollowed"), 2);
  EXPECT_EQ(h_->outbox("profile.blocked"), 1);
  EXPECT_EQ(h_->graph().follow(bob_, "ann").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(h_->graph().follow(ann_, "bob").error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h_->graph().unblock(ann_, "bob").ok());
  ASSERT_TRUE(h_->graph().unblock(ann_, "bob").ok());
  EXPECT_EQ(h_->outbox("profile.unblocked"), 1);
  EXPECT_TRUE(h_->graph().follow(bob_, "ann").ok());
}

TEST_P(FollowGraphTest, ListsAreOrderedByEdgeAndResumeAfterTheCursor) {
  const int64_t cat = h_->user(303, "cat");
  ASSERT_TRUE(h_->graph().follow(bob_, "ann").ok());
  h_->clock().advance(std::chrono::milliseconds(5));
  ASSERT_TRUE(h_->graph().follow(cat, "ann").ok());
  auto first = h_->graph().list(EdgeList::kFollowers, "ann", std::nullopt, 1);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].handle, "bob");
  EdgeKey after{(*first)[0].edge_created_at_ms, (*first)[0].edge_id};
  auto rest = h_->graph().list(EdgeList::kFollowers, "ann", after, 10);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].handle, "cat");
}

TEST_P(FollowGraphTest, UserDeletedRemovesEdgesAndAdjustsTheOtherSide) {
  const int64_t cat = h_->user(303, "cat");
  ASSERT_TRUE(h_->graph().follow(ann_, "bob").ok());
  ASSERT_TRUE(h_->graph().follow(bob_, "ann").ok());
  ASSERT_TRUE(h_->graph().follow(cat, "ann").ok());
  ASSERT_TRUE(h_->graph().block(ann_, "cat").ok());
  PreferenceChange hide;
  hide.hidden_creators = std::vector<std::string>{"ann"};
  ASSERT_TRUE(h_->preferences().update(bob_, hide).ok());
  ASSERT_TRUE(h_->profiles().on_user_deleted(ann_, h_->clock().now_ms()).ok());
  ASSERT_TRUE(h_->profiles().on_user_deleted(ann_, h_->clock().now_ms()).ok());  // again
  EXPECT_EQ(h_->profile(ann_).user_id, 0);
  EXPECT_EQ(h_->profile(bob_).followers_count, 0);
  EXPECT_EQ(h_->profile(bob_).following_count, 0);
  EXPECT_EQ(h_->profile(cat).following_count, 0);
  EXPECT_TRUE(h_->preferences().get(bob_)->hidden_creator_ids.empty());
  // A late user.signup of the deleted user makes no profile.
  ASSERT_TRUE(h_->profiles().on_signup(ann_, "ann", h_->clock().now_ms()).ok());
  EXPECT_EQ(h_->profile(ann_).user_id, 0);
}

TEST_P(FollowGraphTest, SignupAndPostEventsApplyOnce) {
  ASSERT_TRUE(h_->profiles().on_signup(ann_, "ann", h_->clock().now_ms()).ok());
  EXPECT_EQ(h_->outbox("profile.updated"), 2);  // ann and bob, once each
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(h_->profiles().on_post_published(9001, ann_).ok());
  ASSERT_TRUE(h_->profiles().on_post_published(9002, ann_).ok());
  EXPECT_EQ(h_->profile(ann_).posts_count, 2);
}

TEST_P(FollowGraphTest, ExplicitContentNeedsTheOptIn) {
  PreferenceChange change;
  change.content_rating = "explicit";
  auto refused = h_->preferences().update(ann_, change);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "contentRating");
  change.explicit_opt_in = true;
  ASSERT_TRUE(h_->preferences().update(ann_, change).ok());
  PreferenceChange withdraw;
  withdraw.explicit_opt_in = false;
  EXPECT_FALSE(h_->preferences().update(ann_, withdraw).ok());
  EXPECT_EQ(h_->preferences().get(ann_)->content_rating, "explicit");
  EXPECT_EQ(h_->outbox("profile.preferences_updated"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, FollowGraphTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace sp::profile
