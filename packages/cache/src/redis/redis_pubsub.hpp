#pragma once
// The Redis PubSub: PUBLISH on the adapter's connection pool; one subscriber connection per
// adapter, owned by a thread that (re)subscribes to every channel that has subscribers, hands
// each "message" to them, and reconnects after retry_interval when the connection fails
// (SUBSCRIBE again for every channel; messages published meanwhile are lost, as the port says).
// Channels are <key_prefix><channel>. Failures are counted under use="pubsub".
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "../pubsub_registry.hpp"
#include "redis_pool.hpp"
#include "strangeprompt/cache/pubsub.hpp"

namespace sp::cache::redis {

class RedisPubSub final : public PubSub {
 public:
  RedisPubSub(RedisEndpoint endpoint, const RedisOptions& options);
  ~RedisPubSub() override;  // stops the subscriber thread

  Status publish(std::string_view channel, std::string_view message) override;
  std::unique_ptr<Subscription> subscribe(std::string channel, Handler handler,
                                          OnLive on_live) override;

  // The subscriber connection's failure counters (publishing ones: the pool's).
  const RedisCounters& subscriber_counters() const { return shared_->counters; }

  // What subscriptions and the thread share (subscriptions may outlive the adapter).
  struct Shared {
    Shared(metrics::Metrics* metrics, std::string use);
    ~Shared();
    void wake() const;  // interrupts the thread's wait
    detail::SubscriberRegistry registry;
    RedisCounters counters;
    std::mutex mu;
    std::condition_variable confirmed_cv;
    std::set<std::string> confirmed;  // confirmed on the current connection; guarded by mu
    bool stop = false;                // guarded by mu
    int wake_fd = -1;                 // an eventfd
  };

 private:
  void run();
  // One connection's life: subscribes, dispatches, returns when it fails or the adapter stops;
  // true when it counted the failure itself (an unanswered PING: a timeout).
  bool session(redisContext* c);
  bool wait_retry();  // false when stopping

  const RedisEndpoint endpoint_;
  const RedisOptions options_;
  Pool pool_;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
};

}  // namespace sp::cache::redis
