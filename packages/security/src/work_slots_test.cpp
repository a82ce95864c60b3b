#include "strangeprompt/security/work_slots.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace sp::security {
namespace {

using std::chrono::milliseconds;

TEST(WorkSlots, GrantsUpToCapacityThenTimesOut) {
  WorkSlots slots(2);
  auto a = slots.acquire(milliseconds(0));
  auto b = slots.acquire(milliseconds(0));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(slots.in_use(), 2);
  EXPECT_FALSE(slots.acquire(milliseconds(5)).has_value());
}

TEST(WorkSlots, ReleasingALeaseFreesItsSlot) {
  WorkSlots slots(1);
  { auto lease = slots.acquire(milliseconds(0)); }
  EXPECT_EQ(slots.in_use(), 0);
  EXPECT_TRUE(slots.acquire(milliseconds(0)).has_value());
}

TEST(WorkSlots, AWaiterGetsTheSlotWhenItIsReleased) {
  WorkSlots slots(1);
  auto held = slots.acquire(milliseconds(0));
  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(20));
    held.reset();
  });
  EXPECT_TRUE(slots.acquire(milliseconds(10'000)).has_value());
  releaser.join();
}

}  // namespace
}  // namespace sp::security
