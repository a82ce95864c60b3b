#include "redis_cache.hpp"

#include <random>
#include <thread>

namespace sp::cache::redis {
namespace {

using std::chrono::milliseconds;

// With an injected clock the server keeps an entry this much longer than its TTL, so real time
// passing in a test never expires what the injected clock still holds fresh.
constexpr milliseconds kInjectedClockSlack{60'000};

constexpr std::size_t kHeader = 8;

std::string encode(int64_t expires_at_ms, std::string_view value) {
  std::string out(kHeader, '\0');
  auto v = static_cast<uint64_t>(expires_at_ms);
  for (std::size_t i = 0; i < kHeader; ++i) out[i] = static_cast<char>((v >> (56 - 8 * i)) & 0xFF);
  out.append(value);
  return out;
}

// nullopt for a value this adapter did not write.
std::optional<std::pair<int64_t, std::string>> decode(std::string stored) {
  if (stored.size() < kHeader) return std::nullopt;
  uint64_t v = 0;
  for (std::size_t i = 0; i < kHeader; ++i) v = (v << 8) | static_cast<unsigned char>(stored[i]);
  stored.erase(0, kHeader);
  return std::pair{static_cast<int64_t>(v), std::move(stored)};
}

std::string new_token() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::to_string(rng()) + "." + std::to_string(rng());
}

// Deletes the lock only while it still holds our token (it may have expired and been retaken).
constexpr const char* kUnlockScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

}  // namespace

RedisCache::RedisCache(RedisEndpoint endpoint, const RedisOptions& options, const Clock* clock)
    : options_(options),
      clock_(clock),
      pool_(std::move(endpoint), options, "cache"),
      unlock_(kUnlockScript) {}

std::string RedisCache::value_key(std::string_view key) const {
  std::string k = options_.key_prefix;
  k += "c:";
  k += key;
  return k;
}

std::string RedisCache::lock_key(std::string_view key) const {
  std::string k = options_.key_prefix;
  k += "l:";
  k += key;
  return k;
}

std::optional<std::string> RedisCache::read(std::string_view key, bool& failed) {
  failed = false;
  auto reply = pool_.command({"GET", value_key(key)});
  if (!reply.ok() || reply->is_error()) {
    failed = true;
    ++failures_;
    return std::nullopt;
  }
  if (reply->type != Reply::Type::kString) return std::nullopt;
  auto entry = decode(std::move(reply->str));
  if (!entry) return std::nullopt;
  if (clock_ != nullptr && entry->first != 0 && entry->first <= clock_->now_ms())
    return std::nullopt;
  return std::move(entry->second);
}

std::optional<std::string> RedisCache::get(std::string_view key) {
  bool failed = false;
  return read(key, failed);
}

Status RedisCache::set(std::string_view key, std::string value, milliseconds ttl) {
  if (ttl.count() <= 0) return Error::invalid("cache ttl must be positive");
  const int64_t expires = clock_ != nullptr ? clock_->now_ms() + ttl.count() : 0;
  const milliseconds server_ttl = clock_ != nullptr ? ttl + kInjectedClockSlack : ttl;
  const std::string px = std::to_string(server_ttl.count());
  auto reply = pool_.command({"SET", value_key(key), encode(expires, value), "PX", px});
  if (!reply.ok()) {
    ++failures_;
    return reply.error();
  }
  if (reply->is_error()) {
    ++failures_;
    return Error::unavailable("redis SET failed: " + reply->str);
  }
  return ok_status();
}

Status RedisCache::del(std::string_view key) {
  auto reply = pool_.command({"DEL", value_key(key)});
  if (!reply.ok()) {
    ++failures_;
    return reply.error();
  }
  if (reply->is_error()) return Error::unavailable("redis DEL failed: " + reply->str);
  return ok_status();
}

Status RedisCache::ping() {
  return pool_.ping();
}

Result<std::string> RedisCache::load_as_leader(std::string_view key, milliseconds ttl,
                                               const Loader& loader) {
  auto load_and_store = [&] {
    Result<std::string> loaded = loader();
    if (loaded.ok()) (void)set(key, *loaded, ttl);  // a failed set only costs a later reload
    return loaded;
  };
  const std::string lock = lock_key(key);
  const std::string token = new_token();
  const std::string lock_px = std::to_string(options_.lock_ttl.count());
  auto taken = pool_.command({"SET", lock, token, "NX", "PX", lock_px});
  if (!taken.ok() || taken->is_error()) {  // Redis is down: every replica loads for itself
    ++failures_;
    return loader();
  }
  if (taken->type == Reply::Type::kStatus) {  // we hold the lock
    struct Unlock {
      RedisCache& self;
      const std::string& lock;
      const std::string& token;
      ~Unlock() { (void)self.unlock_.run(self.pool_, {lock}, {token}); }
    } unlock{*this, lock, token};
    bool failed = false;
    // The previous holder may have stored the value just before we took the lock.
    if (auto hit = read(key, failed)) return std::move(*hit);
    return load_and_store();
  }
  // Another replica is loading: poll for its value, then load ourselves.
  ++lock_waits_;
  const auto deadline = std::chrono::steady_clock::now() + options_.lock_wait;
  milliseconds pause{2};
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, milliseconds(25));
    bool failed = false;
    if (auto hit = read(key, failed)) return std::move(*hit);
    if (failed) break;
    auto held = pool_.command({"EXISTS", lock});
    if (!held.ok() || held->is_error()) break;
    if (held->integer == 0) {  // released: the value came just before, or the load failed
      if (auto hit = read(key, failed)) return std::move(*hit);
      break;
    }
  }
  return load_and_store();
}

}  // namespace sp::cache::redis
