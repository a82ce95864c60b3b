#pragma once
// ConsumerRunner: feeds the records of (group, topic) to a handler on its own thread, committing
// after the handler succeeded (once per polled batch, and before a failing record's backoff). A
// failing record is retried with exponential backoff and never skipped, so the handler must be
// idempotent (delivery is at-least-once).
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "strangeprompt/core/periodic.hpp"
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
  // An error or an exception of any type is a failure: the record is retried after a backoff.
  using Handler = std::function<Status(const Record&)>;

  ConsumerRunner(EventLog& log, ConsumerOptions options, Handler handler);
  ~ConsumerRunner();  // stops the thread
  ConsumerRunner(const ConsumerRunner&) = delete;
  ConsumerRunner& operator=(const ConsumerRunner&) = delete;

  // Starts the thread; kInvalidArgument for an unversioned group or an invalid topic.
  Status start();
  // Finishes the record in hand (or abandons its backoff wait) and joins the thread; a poll in
  // progress ends within poll_wait.
  void stop();
  // Records of the topic not yet committed by the group (end offset - committed offset): what
  // the `sp_events_consumer_lag` gauge reports. Reads the log; callable from any thread.
  Result<int64_t> lag() const;
  const ConsumerOptions& options() const { return options_; }

 private:
  static constexpr int64_t kNothingToCommit = -1;

  void pass();  // one poll and the records it returned
  // False when stopping; commits `handled_up_to` (and resets it) before backing off.
  bool handle_until_done(const Record& record, int64_t& handled_up_to);
  Status call_handler(const Record& record);
  void commit(int64_t& next_offset);  // no-op for kNothingToCommit; resets it after

  EventLog& log_;
  ConsumerOptions options_;
  Handler handler_;
  PeriodicTask task_;  // period 0: the poll itself waits for records
};

}  // namespace sp::events
