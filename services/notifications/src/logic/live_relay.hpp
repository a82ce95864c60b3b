#pragma once
// LiveRelay: the live hub's signals between replicas, over the PubSub port (Redis pub/sub when
// cache.backend = "redis"; the in-process adapter in embedded mode, where there is no other
// replica). One channel, `notifications.live` (Redis: <cache.redis.key_prefix>notifications.live),
// carries "<origin> <user id>,<user id>,..." (at most kMaxUsersPerMessage ids a message): every
// replica hears every signal and wakes the streams it holds for those users, which then read
// their new rows from the shared database (the message is only "look now"; order and resumption
// stay the table's). `origin` is random per process: a replica skips its own messages, having
// signalled its streams before publishing. One channel rather than one per user: a replica
// subscribes once, however many streams it holds, and ignores ids it has no stream for. Each
// time the subscription goes live again (Redis came back), every open stream reads what is new
// (signal_all), since signals published while it was away were lost.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/live_hub.hpp"
#include "strangeprompt/cache/pubsub.hpp"

namespace sp::notifications {

inline constexpr std::string_view kLiveChannel = "notifications.live";
inline constexpr std::size_t kMaxUsersPerMessage = 500;

struct LiveMessage {
  std::string origin;
  std::vector<int64_t> users;
};

// The messages for `users` (split every kMaxUsersPerMessage ids).
std::vector<std::string> encode_live_messages(std::string_view origin,
                                              const std::vector<int64_t>& users);
// nullopt for a message this service did not write.
std::optional<LiveMessage> decode_live_message(std::string_view message);

class LiveRelay {
 public:
  // Subscribes and becomes the hub's forwarder; both live until destruction.
  LiveRelay(LiveHub& hub, cache::PubSub& bus);
  ~LiveRelay();  // stops forwarding, then unsubscribes
  LiveRelay(const LiveRelay&) = delete;
  LiveRelay& operator=(const LiveRelay&) = delete;

  // Whether the subscription is live (other replicas' signals reach this one), waiting up to
  // `timeout`.
  bool wait_live(std::chrono::milliseconds timeout) { return subscription_->wait_live(timeout); }
  const std::string& origin() const { return origin_; }

 private:
  void forward(const std::vector<int64_t>& users);
  void receive(std::string_view message);

  LiveHub& hub_;
  cache::PubSub& bus_;
  const std::string origin_;
  std::unique_ptr<cache::Subscription> subscription_;
};

}  // namespace sp::notifications
