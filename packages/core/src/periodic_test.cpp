#include "strangeprompt/core/periodic.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>

#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp {
namespace {

using namespace std::chrono_literals;
using testing::eventually;

TEST(PeriodicTask, RunsAtOnceOnStart) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 1h, [&] { ++runs; });
  task.start();
  EXPECT_TRUE(eventually([&] { return runs.load() == 1; }));
  task.stop();
  EXPECT_EQ(runs.load(), 1);
}

TEST(PeriodicTask, RunsAgainAfterThePeriod) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 1ms, [&] { ++runs; });
  task.start();
  EXPECT_TRUE(eventually([&] { return runs.load() >= 3; }));
}

TEST(PeriodicTask, StopDuringALongPeriodReturnsPromptly) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 1h, [&] { ++runs; });
  task.start();
  ASSERT_TRUE(eventually([&] { return runs.load() == 1; }));
  // stop() runs on another thread: a hung wait shows as a future that never becomes ready (the
  // bound is only how long the test gives up after, not a timing claim).
  auto stopped = std::async(std::launch::async, [&] { task.stop(); });
  EXPECT_EQ(stopped.wait_for(30s), std::future_status::ready);
  EXPECT_TRUE(task.stopping());
  EXPECT_EQ(runs.load(), 1);
}

TEST(PeriodicTask, WakeRunsTheNextPassEarly) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 1h, [&] { ++runs; });
  task.start();
  ASSERT_TRUE(eventually([&] { return runs.load() == 1; }));
  task.wake();
  EXPECT_TRUE(eventually([&] { return runs.load() == 2; }));
}

TEST(PeriodicTask, WakeDuringAPassRunsAnotherAtOnce) {
  std::atomic<int> runs{0};
  PeriodicTask* self = nullptr;
  PeriodicTask task("test", 1h, [&] {
    if (++runs == 1) self->wake();  // "more work is waiting"
  });
  self = &task;
  task.start();
  EXPECT_TRUE(eventually([&] { return runs.load() == 2; }));
}

TEST(PeriodicTask, SleepForReturnsFalseOnStop) {
  std::atomic<bool> slept_through{true};
  std::atomic<bool> sleeping{false};
  PeriodicTask* self = nullptr;
  PeriodicTask task("test", 1h, [&] {
    sleeping = true;
    slept_through = self->sleep_for(1h);
  });
  self = &task;
  task.start();
  ASSERT_TRUE(eventually([&] { return sleeping.load(); }));
  auto stopped = std::async(std::launch::async, [&] { task.stop(); });
  EXPECT_EQ(stopped.wait_for(30s), std::future_status::ready);
  EXPECT_FALSE(slept_through.load());
}

TEST(PeriodicTask, AThrowingPassDoesNotEndTheLoop) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 1ms, [&] {
    if (++runs == 1) throw std::runtime_error("boom");
    if (runs == 2) throw 42;  // not a std::exception
  });
  task.start();
  EXPECT_TRUE(eventually([&] { return runs.load() >= 3; }));
}

TEST(PeriodicTask, CanBeStartedAgainAfterStop) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 1h, [&] { ++runs; });
  task.start();
  ASSERT_TRUE(eventually([&] { return runs.load() == 1; }));
  task.stop();
  task.start();
  EXPECT_TRUE(eventually([&] { return runs.load() == 2; }));
  EXPECT_FALSE(task.stopping());
}

}  // namespace
}  // namespace sp
