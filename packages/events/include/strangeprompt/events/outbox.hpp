#pragma once
// The transactional outbox: a service writes its events into its own `event_outbox` table in the
// same transaction as the state change; OutboxRelay later moves them, in id order, to the EventLog.
// A row is deleted only after its append succeeded, so a crash in between duplicates, never loses.
#include <chrono>
#include <cstddef>

#include "strangeprompt/core/periodic.hpp"
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
  std::chrono::milliseconds interval{100};  // pause between relay passes (none after a full batch)
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
  // Runs relay_once at once and then every `interval` on a thread until stop(); a full batch runs
  // the next pass at once. Errors are logged and retried on the next pass.
  void start();
  // Returns once the pass in hand (if any) is done; never waits out the interval.
  void stop();

 private:
  void pass();

  db::Database& db_;
  EventLog& log_;
  OutboxRelayOptions options_;
  PeriodicTask task_;
};

}  // namespace sp::events
