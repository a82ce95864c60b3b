#pragma once
// In-process delivery of new notifications to open live streams. A stream subscribes for its
// user; the inbox signals the users it wrote notifications for after the transaction committed;
// each subscriber then reads what is new from the store itself (so ordering and resumption come
// from the table, never from the signal). Thread-safe.
//
// Across replicas: publish() also hands the users to the forwarder (LiveRelay: the PubSub port,
// Redis pub/sub with cache.backend = "redis"), whose messages from other replicas come back in
// through signal(). The service also calls signal_all() every notifications.stream_catch_up_ms,
// the safety net when a signal is lost (Redis down, a subscriber reconnecting).
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace sp::notifications {

class LiveHub {
 public:
  using Listener = std::function<void()>;
  using Forwarder = std::function<void(const std::vector<int64_t>& users)>;

  // Returns the subscription's token (for unsubscribe).
  uint64_t subscribe(int64_t user_id, Listener listener);
  void unsubscribe(int64_t user_id, uint64_t token);
  // Calls every listener of the user (on this thread): this process only.
  void signal(int64_t user_id);
  // After a commit: signals each user here, then forwards them to the other replicas.
  void publish(const std::vector<int64_t>& users);
  // Set once before the hub is used (or cleared); empty: no other replica hears of it.
  void set_forwarder(Forwarder forwarder);
  // Calls every listener (the periodic catch-up).
  void signal_all();
  std::size_t subscribers() const;

 private:
  mutable std::mutex mu_;
  uint64_t next_token_ = 1;
  Forwarder forwarder_;  // guarded by mu_
  std::unordered_map<int64_t, std::map<uint64_t, Listener>> listeners_;
};

}  // namespace sp::notifications
