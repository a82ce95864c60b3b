// The in-memory record of recent refresh-token rotations (the reuse grace window).
#include "logic/recent_rotations.hpp"

#include <gtest/gtest.h>

namespace sp::auth {
namespace {

IssuedRefreshToken successor(const std::string& token) {
  return {.token = token, .family_id = 7, .expires_at_ms = 1'000'000};
}

TEST(RecentRotations, AnswersTheSuccessorUntilTheEntryExpires) {
  RecentRotations recent;
  recent.remember("h1", successor("t1"), /*expires_at_ms=*/1'100, /*now_ms=*/1'000);
  ASSERT_TRUE(recent.successor_of("h1", 1'099).has_value());
  EXPECT_EQ(recent.successor_of("h1", 1'099)->token, "t1");
  EXPECT_EQ(recent.successor_of("h1", 1'099)->family_id, 7);
  EXPECT_FALSE(recent.successor_of("h1", 1'100).has_value());
  EXPECT_FALSE(recent.successor_of("unknown", 1'000).has_value());
}

TEST(RecentRotations, ExpiredEntriesArePrunedOnInsert) {
  RecentRotations recent;
  recent.remember("h1", successor("t1"), 1'100, 1'000);
  recent.remember("h2", successor("t2"), 1'150, 1'050);
  EXPECT_EQ(recent.size(), 2u);
  recent.remember("h3", successor("t3"), 1'300, 1'100);  // h1 expired at 1'100
  EXPECT_EQ(recent.size(), 2u);
  EXPECT_FALSE(recent.successor_of("h1", 1'000).has_value()) << "pruned, whatever the time";
  EXPECT_TRUE(recent.successor_of("h2", 1'100).has_value());
}

TEST(RecentRotations, BeyondTheCapacityTheOldestAreDropped) {
  RecentRotations recent(/*capacity=*/3);
  for (int i = 0; i < 5; ++i) {
    recent.remember("h" + std::to_string(i), successor("t" + std::to_string(i)), 10'000, 1'000);
  }
  EXPECT_EQ(recent.size(), 3u);
  EXPECT_FALSE(recent.successor_of("h0", 1'000).has_value());
  EXPECT_FALSE(recent.successor_of("h1", 1'000).has_value());
  EXPECT_EQ(recent.successor_of("h4", 1'000)->token, "t4");
}

TEST(RecentRotations, ARepeatedRotationReplacesTheEntryAndSurvivesTheOldInsertion) {
  RecentRotations recent(/*capacity=*/2);
  recent.remember("h1", successor("first"), 10'000, 1'000);
  recent.remember("h1", successor("retried"), 10'000, 1'000);  // a retried transaction
  EXPECT_EQ(recent.successor_of("h1", 1'000)->token, "retried");
  // The first insertion of h1 is dropped for capacity; the newer one stays.
  recent.remember("h2", successor("t2"), 10'000, 1'000);
  EXPECT_EQ(recent.successor_of("h1", 1'000)->token, "retried");
  EXPECT_EQ(recent.size(), 2u);
}

}  // namespace
}  // namespace sp::auth
