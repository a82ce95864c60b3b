#include "strangeprompt/core/periodic.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "strangeprompt/core/log.hpp"

namespace sp {

struct PeriodicTask::State {
  std::string name;
  std::chrono::milliseconds period;
  std::function<void()> fn;
  mutable std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;  // guarded by mu
  bool woken = false;     // guarded by mu
  std::atomic<long> passes{0};
  std::mutex thread_mu;  // serialises start() and stop()
  std::thread thread;    // guarded by thread_mu

  void run_pass() {
    passes.fetch_add(1);
    // A pass that throws must not take the process down: log it and keep the schedule.
    try {
      fn();
    } catch (const std::exception& e) {
      log_error("core", "background pass threw", {{"task", name}, {"error", e.what()}});
    } catch (...) {
      log_error("core", "background pass threw", {{"task", name}, {"error", "unknown exception"}});
    }
  }

  void run() {
    for (;;) {
      run_pass();
      std::unique_lock lock(mu);
      cv.wait_for(lock, period, [this] { return stopping || woken; });
      woken = false;
      if (stopping) return;
    }
  }
};

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds period,
                           std::function<void()> fn)
    : state_(std::make_unique<State>()) {
  state_->name = std::move(name);
  state_->period = period;
  state_->fn = std::move(fn);
}

PeriodicTask::~PeriodicTask() {
  stop();
}

void PeriodicTask::start() {
  std::lock_guard guard(state_->thread_mu);
  if (state_->thread.joinable()) return;
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = false;
    state_->woken = false;
  }
  state_->thread = std::thread([s = state_.get()] { s->run(); });
}

void PeriodicTask::stop() {
  std::lock_guard guard(state_->thread_mu);
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = true;
  }
  state_->cv.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
}

void PeriodicTask::wake() {
  {
    std::lock_guard lock(state_->mu);
    state_->woken = true;
  }
  state_->cv.notify_all();
}

bool PeriodicTask::stopping() const {
  std::lock_guard lock(state_->mu);
  return state_->stopping;
}

bool PeriodicTask::sleep_for(std::chrono::milliseconds d) {
  std::unique_lock lock(state_->mu);
  return !state_->cv.wait_for(lock, d, [this] { return state_->stopping; });
}

long PeriodicTask::passes() const {
  return state_->passes.load();
}

}  // namespace sp
