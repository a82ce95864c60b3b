#include "strangeprompt/core/id.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace sp {
namespace {

TEST(IdGenerator, IdsAreStrictlyIncreasingWithinOneMillisecond) {
  ManualClock clock;
  IdGenerator ids(clock);
  int64_t prev = 0;
  for (int i = 0; i < 10'000; ++i) {  // more than the 4096 sequence numbers of one millisecond
    int64_t id = ids.next();
    ASSERT_GT(id, prev);
    prev = id;
  }
}

TEST(IdGenerator, IdsStayIncreasingWhenTheClockStepsBack) {
  ManualClock clock;
  IdGenerator ids(clock);
  int64_t a = ids.next();
  clock.advance(std::chrono::milliseconds(-5000));
  EXPECT_GT(ids.next(), a);
}

TEST(IdGenerator, TimestampRoundTrips) {
  ManualClock clock(1'800'000'000'123);
  IdGenerator ids(clock, 7);
  EXPECT_EQ(IdGenerator::timestamp_ms(ids.next()), 1'800'000'000'123);
}

TEST(IdGenerator, ConcurrentCallersNeverShareAnId) {
  IdGenerator ids(Clock::system());
  std::vector<std::vector<int64_t>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5000; ++i) seen[t].push_back(ids.next());
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> all;
  for (auto& v : seen) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 20'000u);
}

TEST(ParseId, AcceptsOnlyPositiveDecimalInt64) {
  struct Case {
    const char* text;
    std::optional<int64_t> want;
  } cases[] = {{"1", 1},
               {"9223372036854775807", INT64_MAX},
               {"0", std::nullopt},
               {"-1", std::nullopt},
               {"", std::nullopt},
               {"12a", std::nullopt},
               {"9223372036854775808", std::nullopt},
               {" 1", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(parse_id(c.text), c.want) << c.text;
}

}  // namespace
}  // namespace sp
