#pragma once
// What every notifications flow works with: the store, time, ids, the live hub, and the lock
// that makes notification ids commit in the order they were drawn (so a stream resuming from
// Last-Event-ID never skips a row committed late with a smaller id).
#include <mutex>

#include "logic/live_hub.hpp"
#include "store/notification_store.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"

namespace sp::notifications {

struct InboxContext {
  NotificationStore& store;
  const Clock& clock;
  IdGenerator& ids;
  LiveHub& hub;
  std::mutex& write_order;
  int64_t now_ms() const { return clock.now_ms(); }
};

}  // namespace sp::notifications
