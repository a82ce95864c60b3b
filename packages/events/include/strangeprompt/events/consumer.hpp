#pragma once
// ConsumerRunner: feeds the records of (group, topic) to a handler on its own thread, committing
// each record after the handler succeeded. A failing record is retried with exponential backoff and
// never skipped, so the handler must be idempotent (delivery is at-least-once).
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::events {

struct ConsumerOptions {
  std::string group{};  // versioned consumer name, e.g. "analytics.views.v1"
  std::string topic{};
  std::size_t batch = 100;
  std::chrono::milliseconds poll_wait{200};       // also bounds how long stop() may take
  std::chrono::milliseconds initial_backoff{50};  // doubled after each failure of one record
  std::chrono::milliseconds max_backoff{5'000};
};

// True when `group` ends in ".v<digits>" after a non-empty name.
bool is_versioned_group(std::string_view group);

class ConsumerRunner {
 public:
  using Handler = std::function<Status(const Record&)>;

  ConsumerRunner(EventLog& log, ConsumerOptions options, Handler handler);
  ~ConsumerRunner();  // stops the thread
  ConsumerRunner(const ConsumerRunner&) = delete;
  ConsumerRunner& operator=(const ConsumerRunner&) = delete;

  // Starts the thread; kInvalidArgument for an unversioned group or an invalid topic.
  Status start();
  // Finishes the record in hand (or abandons its backoff wait) and joins the thread.
  void stop();

 private:
  void run();
  bool handle_until_done(const Record& record);  // false when stopping
  bool sleep_unless_stopped(std::chrono::milliseconds d);

  EventLog& log_;
  ConsumerOptions options_;
  Handler handler_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace sp::events
