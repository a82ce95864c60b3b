#pragma once
// PeriodicTask: the one background loop of the code base. It owns a thread that runs `fn` at once
// and then every `period` until stop(). stop() wakes a waiting thread through a condition variable,
// so it returns as soon as the pass in hand (if any) finishes, however long the period. wake() runs
// the next pass early. `fn` may call sleep_for() for its own interruptible waits (a backoff) and
// wake() to ask for another pass at once (more work is waiting).
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace sp {

class PeriodicTask {
 public:
  // `name` labels the log line of a pass that throws (the loop then carries on).
  PeriodicTask(std::string name, std::chrono::milliseconds period, std::function<void()> fn);
  ~PeriodicTask();  // stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Starts the thread; a no-op while it runs. A stopped task may be started again.
  void start();
  // Wakes the thread and joins it; idempotent. Never call it from `fn`.
  void stop();
  // Runs the next pass without waiting for the rest of the period (after the current pass ends).
  void wake();
  // True once stop() was asked for; `fn` should return soon when it sees it.
  bool stopping() const;
  // Waits up to `d` unless stop() comes first; returns false when stopping. For use inside `fn`.
  bool sleep_for(std::chrono::milliseconds d);
  // Passes run so far (started or finished), for tests and diagnostics.
  long passes() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sp
