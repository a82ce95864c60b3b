// WorkerPool: N threads draining a bounded FIFO; try_submit refuses instead of growing the queue.
#include "strangeprompt/http/worker_pool.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "strangeprompt/core/log.hpp"

namespace sp::http {

namespace {

class BoundedWorkerPool final : public WorkerPool {
 public:
  BoundedWorkerPool(int threads, std::size_t queue_capacity) : capacity_(queue_capacity) {
    threads_.reserve(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~BoundedWorkerPool() override { stop(); }

  bool try_submit(std::function<void()> job) override {
    {
      std::lock_guard lock(mu_);
      if (stopping_ || jobs_.size() >= capacity_) return false;
      jobs_.push_back(std::move(job));
      queued_.store(jobs_.size(), std::memory_order_relaxed);
    }
    ready_.notify_one();
    return true;
  }

  std::size_t queued() const override { return queued_.load(std::memory_order_relaxed); }
  std::size_t active() const override { return active_.load(std::memory_order_relaxed); }
  std::size_t capacity() const override { return capacity_; }

  void stop() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    ready_.notify_all();
    std::lock_guard join_lock(join_mu_);
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

 private:
  void run() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        // Stopping still drains what was accepted: every accepted job runs exactly once.
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
        queued_.store(jobs_.size(), std::memory_order_relaxed);
        active_.fetch_add(1, std::memory_order_relaxed);
      }
      try {
        job();
      } catch (const std::exception& e) {
        log_error("http", "worker job threw", {{"error", e.what()}});
      } catch (...) {
        log_error("http", "worker job threw", {{"error", "unknown"}});
      }
      active_.fetch_sub(1, std::memory_order_relaxed);
    }
  }

  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  bool stopping_ = false;                   // guarded by mu_
  std::atomic<std::size_t> queued_{0};
  std::atomic<std::size_t> active_{0};
  std::mutex join_mu_;
  std::vector<std::thread> threads_;  // guarded by join_mu_ after construction
};

}  // namespace

std::unique_ptr<WorkerPool> WorkerPool::create(int threads, std::size_t queue_capacity) {
  if (threads < 1) threads = 1;
  return std::make_unique<BoundedWorkerPool>(threads, queue_capacity);
}

}  // namespace sp::http
