#include "memory_cache.hpp"

namespace sp::cache {

MemoryCache::MemoryCache(const Clock& clock, std::size_t max_entries, std::size_t shards)
    : clock_(clock), per_shard_((max_entries + shards - 1) / shards) {
  for (std::size_t i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

MemoryCache::Shard& MemoryCache::shard_for(std::string_view key) {
  return *shards_[detail::StringHash{}(key) % shards_.size()];
}

std::optional<std::string> MemoryCache::get(std::string_view key) {
  Shard& s = shard_for(key);
  std::lock_guard lock(s.mu);
  auto it = s.index.find(key);
  if (it == s.index.end()) return std::nullopt;
  if (it->second->expires_at_ms <= clock_.now_ms()) {
    auto node = it->second;
    s.index.erase(it);  // first: the index key is a view into the node
    s.lru.erase(node);
    return std::nullopt;
  }
  s.lru.splice(s.lru.begin(), s.lru, it->second);
  return it->second->value;
}

Status MemoryCache::set(std::string_view key, std::string value, std::chrono::milliseconds ttl) {
  if (ttl.count() <= 0) return Error::invalid("cache ttl must be positive");
  const int64_t expires = clock_.now_ms() + ttl.count();
  Shard& s = shard_for(key);
  std::lock_guard lock(s.mu);
  if (auto it = s.index.find(key); it != s.index.end()) {
    it->second->value = std::move(value);
    it->second->expires_at_ms = expires;
    s.lru.splice(s.lru.begin(), s.lru, it->second);
    return ok_status();
  }
  s.lru.push_front(Entry{std::string(key), std::move(value), expires});
  s.index.emplace(s.lru.front().key, s.lru.begin());
  if (s.lru.size() > per_shard_) {
    s.index.erase(s.lru.back().key);
    s.lru.pop_back();
  }
  return ok_status();
}

Status MemoryCache::del(std::string_view key) {
  Shard& s = shard_for(key);
  std::lock_guard lock(s.mu);
  if (auto it = s.index.find(key); it != s.index.end()) {
    auto node = it->second;
    s.index.erase(it);  // first: the index key is a view into the node
    s.lru.erase(node);
  }
  return ok_status();
}

}  // namespace sp::cache
