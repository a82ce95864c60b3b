#include "memory_pubsub.hpp"

namespace sp::cache {
namespace {

class MemorySubscription final : public Subscription {
 public:
  MemorySubscription(std::shared_ptr<detail::SubscriberRegistry> registry, std::string channel,
                     std::shared_ptr<detail::SubscriberRegistry::Entry> entry)
      : registry_(std::move(registry)), channel_(std::move(channel)), entry_(std::move(entry)) {}
  ~MemorySubscription() override { registry_->remove(channel_, entry_); }
  bool wait_live(std::chrono::milliseconds) override { return true; }

 private:
  std::shared_ptr<detail::SubscriberRegistry> registry_;
  std::string channel_;
  std::shared_ptr<detail::SubscriberRegistry::Entry> entry_;
};

}  // namespace

Status MemoryPubSub::publish(std::string_view channel, std::string_view message) {
  registry_->dispatch(std::string(channel), message);
  return ok_status();
}

std::unique_ptr<Subscription> MemoryPubSub::subscribe(std::string channel, Handler handler,
                                                      OnLive on_live) {
  auto [entry, first] = registry_->add(channel, std::move(handler), std::move(on_live));
  (void)first;
  detail::SubscriberRegistry::went_live(*entry);  // live at once, and for good
  return std::make_unique<MemorySubscription>(registry_, std::move(channel), std::move(entry));
}

}  // namespace sp::cache
