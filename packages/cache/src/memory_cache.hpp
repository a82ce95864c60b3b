#pragma once
// The in-process Cache: keys spread over shards, each an LRU list under its own mutex. Entries
// expire by the Clock; a full shard drops its least recently used entry.
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "strangeprompt/cache/cache.hpp"
#include "string_key.hpp"

namespace sp::cache {

class MemoryCache final : public Cache {
 public:
  MemoryCache(const Clock& clock, std::size_t max_entries, std::size_t shards);

  std::optional<std::string> get(std::string_view key) override;
  Status set(std::string_view key, std::string value, std::chrono::milliseconds ttl) override;
  Status del(std::string_view key) override;

 private:
  struct Entry {
    std::string key;
    std::string value;
    int64_t expires_at_ms;
  };
  struct Shard {
    std::mutex mu;
    std::list<Entry> lru;  // most recently used first; guarded by mu
    std::unordered_map<std::string_view, std::list<Entry>::iterator, detail::StringHash>
        index;  // views into lru's keys; guarded by mu
  };
  Shard& shard_for(std::string_view key);

  const Clock& clock_;
  std::size_t per_shard_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace sp::cache
