#pragma once
// The subscribers of a PubSub adapter by channel, shared by the in-process and Redis adapters.
// Dispatch copies the channel's entries under the registry's lock and calls each outside it,
// under the entry's own (recursive) lock, so a handler may publish, subscribe or drop its own
// subscription, and a dropped subscription's handler never runs once its destructor returned.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/cache/pubsub.hpp"

namespace sp::cache::detail {

class SubscriberRegistry {
 public:
  struct Entry {
    std::recursive_mutex mu;
    bool alive = true;  // guarded by mu
    PubSub::Handler handler;
    PubSub::OnLive on_live;
  };

  // Adds a subscriber; returns its entry and whether it is the channel's first.
  std::pair<std::shared_ptr<Entry>, bool> add(const std::string& channel, PubSub::Handler handler,
                                              PubSub::OnLive on_live) {
    auto entry = std::make_shared<Entry>();
    entry->handler = std::move(handler);
    entry->on_live = std::move(on_live);
    std::lock_guard lock(mu_);
    auto& list = channels_[channel];
    list.push_back(entry);
    return {entry, list.size() == 1};
  }

  // Removes the entry and waits for a call of it in flight (unless on this thread); returns
  // whether the channel has no subscriber left.
  bool remove(const std::string& channel, const std::shared_ptr<Entry>& entry) {
    bool last = false;
    {
      std::lock_guard lock(mu_);
      auto it = channels_.find(channel);
      if (it != channels_.end()) {
        std::erase(it->second, entry);
        if (it->second.empty()) {
          channels_.erase(it);
          last = true;
        }
      }
    }
    std::lock_guard call(entry->mu);
    entry->alive = false;
    return last;
  }

  void dispatch(const std::string& channel, std::string_view message) {
    for (const auto& e : entries_of(channel)) {
      std::lock_guard call(e->mu);
      if (e->alive) e->handler(message);
    }
  }

  // Tells the channel's subscribers that it went live (again).
  void went_live(const std::string& channel) {
    for (const auto& e : entries_of(channel)) went_live(*e);
  }
  static void went_live(Entry& e) {
    std::lock_guard call(e.mu);
    if (e.alive && e.on_live) e.on_live();
  }

  std::vector<std::shared_ptr<Entry>> entries_of(const std::string& channel) const {
    std::lock_guard lock(mu_);
    auto it = channels_.find(channel);
    return it == channels_.end() ? std::vector<std::shared_ptr<Entry>>{} : it->second;
  }

  std::set<std::string> channels() const {
    std::lock_guard lock(mu_);
    std::set<std::string> out;
    for (const auto& [channel, list] : channels_) out.insert(channel);
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::shared_ptr<Entry>>> channels_;
};

}  // namespace sp::cache::detail
