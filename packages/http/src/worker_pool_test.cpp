#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "strangeprompt/http/worker_pool.hpp"

namespace sp::http {
namespace {

// A gate jobs wait on until the test opens it.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return open_; });
  }
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

void wait_until(const std::function<bool()>& done) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

TEST(WorkerPool, RunsSubmittedJobs) {
  auto pool = WorkerPool::create(2, 8);
  std::atomic<int> ran{0};
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(pool->try_submit([&ran] { ++ran; }));
  pool->stop();
  EXPECT_EQ(ran.load(), 8);
}

TEST(WorkerPool, RefusesWhenThreadsBusyAndQueueFull) {
  auto pool = WorkerPool::create(1, 1);
  Gate gate;
  ASSERT_TRUE(pool->try_submit([&gate] { gate.wait(); }));  // runs
  wait_until([&] { return pool->active() == 1; });
  ASSERT_TRUE(pool->try_submit([] {}));  // waits in the queue
  EXPECT_EQ(pool->queued(), 1u);
  EXPECT_FALSE(pool->try_submit([] {}));  // refused
  EXPECT_EQ(pool->capacity(), 1u);
  gate.open();
  pool->stop();
  EXPECT_EQ(pool->queued(), 0u);
}

TEST(WorkerPool, StopFinishesAcceptedJobsThenRefuses) {
  auto pool = WorkerPool::create(1, 4);
  std::atomic<int> ran{0};
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(pool->try_submit([&ran] {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ++ran;
    }));
  }
  pool->stop();
  EXPECT_EQ(ran.load(), 4);
  EXPECT_FALSE(pool->try_submit([] {}));
}

TEST(WorkerPool, ThrowingJobDoesNotKillTheWorker) {
  auto pool = WorkerPool::create(1, 4);
  std::atomic<bool> ran{false};
  ASSERT_TRUE(pool->try_submit([] { throw std::runtime_error("bug"); }));
  ASSERT_TRUE(pool->try_submit([&ran] { ran = true; }));
  pool->stop();
  EXPECT_TRUE(ran.load());
}

}  // namespace
}  // namespace sp::http
