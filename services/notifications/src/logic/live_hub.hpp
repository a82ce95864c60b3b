#pragma once
// In-process delivery of new notifications to open live streams. A stream subscribes for its
// user; the inbox signals the users it wrote notifications for after the transaction committed;
// each subscriber then reads what is new from the store itself (so ordering and resumption come
// from the table, never from the signal). Thread-safe.
//
// In distributed mode a replica's consumers only signal its own subscribers; the service also
// calls signal_all() every notifications.stream_catch_up_ms, so a stream fed by another
// replica's consumer still gets its rows within that period.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

namespace sp::notifications {

class LiveHub {
 public:
  using Listener = std::function<void()>;

  // Returns the subscription's token (for unsubscribe).
  uint64_t subscribe(int64_t user_id, Listener listener);
  void unsubscribe(int64_t user_id, uint64_t token);
  // Calls every listener of the user (on this thread).
  void signal(int64_t user_id);
  // Calls every listener (the periodic catch-up).
  void signal_all();
  std::size_t subscribers() const;

 private:
  mutable std::mutex mu_;
  uint64_t next_token_ = 1;
  std::unordered_map<int64_t, std::map<uint64_t, Listener>> listeners_;
};

}  // namespace sp::notifications
