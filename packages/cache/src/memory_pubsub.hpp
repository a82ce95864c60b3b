#pragma once
// The in-process PubSub: one process's subscribers, each message handed to them on the
// publisher's thread before publish() returns.
#include "pubsub_registry.hpp"
#include "strangeprompt/cache/pubsub.hpp"

namespace sp::cache {

class MemoryPubSub final : public PubSub {
 public:
  Status publish(std::string_view channel, std::string_view message) override;
  std::unique_ptr<Subscription> subscribe(std::string channel, Handler handler,
                                          OnLive on_live) override;

 private:
  std::shared_ptr<detail::SubscriberRegistry> registry_ =
      std::make_shared<detail::SubscriberRegistry>();
};

}  // namespace sp::cache
