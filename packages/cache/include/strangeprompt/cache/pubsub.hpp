#pragma once
// The PubSub port: short messages on named channels, delivered to every current subscriber of the
// channel in every process sharing the backend. Fire and forget, at most once: a subscriber that
// is not live when a message is published (not yet confirmed, or its connection is down) never
// sees it, so users keep their own source of truth and use messages only as "look now" signals.
// Per publisher, messages on one channel arrive in the order they were published. Messages are
// binary-safe. Adapters: in-process ("memory": one process only, handlers run on the
// publisher's thread) and Redis ("redis": PUBLISH/SUBSCRIBE, one subscriber connection per
// adapter with reconnect, handlers run on its thread).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "strangeprompt/cache/redis_options.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::cache {

struct PubSubOptions {
  std::string backend = "memory";  // "memory" (in-process) | "redis" (shared by processes)
  // backend "redis": url, key_prefix (prepended to every channel), pool_size (publishing
  // connections), timeouts, retry_interval (the subscriber's reconnect interval), metrics.
  RedisOptions redis{};
};

// A live subscription; destroying it unsubscribes, and no handler call of it runs (or is still
// running, unless on the destroying thread itself) after the destructor returns.
class Subscription {
 public:
  virtual ~Subscription() = default;
  // Waits up to `timeout` for the backend to confirm the subscription; true when messages
  // published from now on reach the handler (the in-process adapter: at once).
  virtual bool wait_live(std::chrono::milliseconds timeout) = 0;
};

class PubSub {
 public:
  using Handler = std::function<void(std::string_view message)>;
  using OnLive = std::function<void()>;

  virtual ~PubSub() = default;
  // Picks the adapter from options.backend; kInvalidArgument for another backend or a malformed
  // option. Creating a Redis adapter does not connect.
  static Result<std::unique_ptr<PubSub>> create(const PubSubOptions& options);

  // Sends `message` to the channel's live subscribers; kUnavailable when the backend cannot take
  // it (nothing is queued for later).
  virtual Status publish(std::string_view channel, std::string_view message) = 0;
  // Calls `handler` with every message published on `channel` while the subscription is live,
  // one call at a time per subscription. Never fails: a subscription made while the backend is
  // down goes live when it returns. `on_live` (optional) runs each time the subscription goes
  // live: once it is first confirmed, and again after every reconnection (messages published
  // while it was not live are lost, so this is where a user resynchronises). It runs on the
  // adapter's thread (in-process: inside subscribe()), never at the same time as the handler.
  virtual std::unique_ptr<Subscription> subscribe(std::string channel, Handler handler,
                                                  OnLive on_live = {}) = 0;
};

}  // namespace sp::cache
