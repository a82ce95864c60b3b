#pragma once
// The transactional outbox: a service writes its events into its own `event_outbox` table in the
// same transaction as the state change; OutboxRelay later moves them, in id order, to the EventLog.
// A row is deleted only after its append succeeded, so a crash in between duplicates, never loses.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::events {

class Outbox {
 public:
  // Creates the `event_outbox` table if missing (migration bookkeeping under "event_outbox").
  static Status ensure_schema(db::Database& db);
  // Inserts the envelope inside the caller's transaction `tx`; kInvalidArgument for a bad envelope.
  static Status enqueue(db::Session& tx, const Envelope& envelope);
};

struct OutboxRelayOptions {
  std::chrono::milliseconds interval{100};  // pause between relay passes on the thread
  std::size_t batch = 100;                  // rows moved per pass
};

// Several relays on one database (replicas) may each send a row: still at-least-once, never lost.
class OutboxRelay {
 public:
  OutboxRelay(db::Database& db, EventLog& log, OutboxRelayOptions options = {});
  ~OutboxRelay();  // stops the thread
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // Moves up to `batch` rows to the log; returns how many. Stops at the first failed append.
  Result<int> relay_once();
  // Runs relay_once every `interval` on a thread until stop(); errors are logged and retried.
  void start();
  void stop();

 private:
  void run();

  db::Database& db_;
  EventLog& log_;
  OutboxRelayOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace sp::events
