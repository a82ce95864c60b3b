#include "redis_pubsub.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "strangeprompt/core/log.hpp"

namespace sp::cache::redis {
namespace {

using SteadyClock = std::chrono::steady_clock;

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

class RedisSubscription final : public Subscription {
 public:
  RedisSubscription(std::shared_ptr<RedisPubSub::Shared> shared, std::string channel,
                    std::shared_ptr<detail::SubscriberRegistry::Entry> entry)
      : shared_(std::move(shared)), channel_(std::move(channel)), entry_(std::move(entry)) {}
  ~RedisSubscription() override {
    if (shared_->registry.remove(channel_, entry_)) shared_->wake();  // UNSUBSCRIBE it
  }
  bool wait_live(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(shared_->mu);
    return shared_->confirmed_cv.wait_for(lock, timeout, [&] {
      return shared_->stop || shared_->confirmed.contains(channel_);
    }) && !shared_->stop;
  }

 private:
  std::shared_ptr<RedisPubSub::Shared> shared_;
  std::string channel_;
  std::shared_ptr<detail::SubscriberRegistry::Entry> entry_;
};

// Writes everything hiredis buffered; false on a failure.
bool flush(redisContext* c) {
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(c, &done) != REDIS_OK) return false;
  }
  return true;
}

void append(redisContext* c, std::string_view verb, const std::string& channel) {
  const char* argv[] = {verb.data(), channel.data()};
  const std::size_t lens[] = {verb.size(), channel.size()};
  redisAppendCommandArgv(c, 2, argv, lens);
}

}  // namespace

RedisPubSub::Shared::Shared(metrics::Metrics* metrics, std::string use)
    : counters(metrics, std::move(use)), wake_fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

RedisPubSub::Shared::~Shared() {
  if (wake_fd >= 0) ::close(wake_fd);
}

void RedisPubSub::Shared::wake() const {
  const uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd, &one, sizeof one);
}

RedisPubSub::RedisPubSub(RedisEndpoint endpoint, const RedisOptions& options)
    : endpoint_(std::move(endpoint)),
      options_(options),
      pool_(endpoint_, options_, "pubsub"),
      shared_(std::make_shared<Shared>(options.metrics, "pubsub")),
      thread_([this] { run(); }) {}

RedisPubSub::~RedisPubSub() {
  {
    std::lock_guard lock(shared_->mu);
    shared_->stop = true;
  }
  shared_->confirmed_cv.notify_all();
  shared_->wake();
  thread_.join();
}

Status RedisPubSub::publish(std::string_view channel, std::string_view message) {
  const std::string name = options_.key_prefix + std::string(channel);
  SP_ASSIGN_OR_RETURN(Reply r, pool_.command({"PUBLISH", name, message}));
  if (r.is_error()) return Error::unavailable("redis refused PUBLISH: " + r.str);
  return ok_status();
}

std::unique_ptr<Subscription> RedisPubSub::subscribe(std::string channel, Handler handler,
                                                     OnLive on_live) {
  auto [entry, first] = shared_->registry.add(channel, std::move(handler), std::move(on_live));
  if (first) {
    shared_->wake();
  } else {
    // The channel may be live already (another subscriber's SUBSCRIBE): then this one is too.
    bool live = false;
    {
      std::lock_guard lock(shared_->mu);
      live = shared_->confirmed.contains(channel);
    }
    if (live) detail::SubscriberRegistry::went_live(*entry);
  }
  return std::make_unique<RedisSubscription>(shared_, std::move(channel), std::move(entry));
}

bool RedisPubSub::wait_retry() {
  pollfd p{shared_->wake_fd, POLLIN, 0};
  const auto until = SteadyClock::now() + options_.retry_interval;
  for (;;) {
    {
      std::lock_guard lock(shared_->mu);
      if (shared_->stop) return false;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now());
    if (left.count() <= 0) return true;
    if (::poll(&p, 1, static_cast<int>(left.count())) > 0) {
      uint64_t v = 0;
      [[maybe_unused]] auto n = ::read(shared_->wake_fd, &v, sizeof v);
    }
  }
}

void RedisPubSub::run() {
  const std::string where = endpoint_.host + ":" + std::to_string(endpoint_.port);
  bool failed = false;  // the last connection failed or broke: the next one is a reconnect
  bool logged = false;  // the outage was logged
  for (;;) {
    {
      std::lock_guard lock(shared_->mu);
      if (shared_->stop) return;
    }
    if (shared_->registry.channels().empty()) {  // nothing to listen to: wait for a subscriber
      pollfd p{shared_->wake_fd, POLLIN, 0};
      if (::poll(&p, 1, 1000) > 0) {
        uint64_t v = 0;
        [[maybe_unused]] auto n = ::read(shared_->wake_fd, &v, sizeof v);
      }
      continue;
    }
    redisContext* c = redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port,
                                              to_timeval(options_.connect_timeout));
    std::string why;
    if (c == nullptr) {
      why = "cannot allocate a connection";
      shared_->counters.error();
    } else if (c->err != 0) {
      why = c->errstr;
      if (is_timeout(c->err, errno, c->errstr)) {
        shared_->counters.timeout();
      } else {
        shared_->counters.error();
      }
    } else {
      redisSetTimeout(c, to_timeval(options_.command_timeout));
      auto setup = [&](std::vector<std::string> args) {
        std::vector<const char*> argv;
        std::vector<std::size_t> lens;
        for (const auto& a : args) {
          argv.push_back(a.data());
          lens.push_back(a.size());
        }
        auto* r = static_cast<redisReply*>(
            redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data()));
        const bool good = r != nullptr && r->type != REDIS_REPLY_ERROR;
        if (r != nullptr) freeReplyObject(r);
        if (!good) why = "redis refused " + args[0];
        return good;
      };
      bool ready = true;
      if (!endpoint_.password.empty()) {
        ready = endpoint_.user.empty() ? setup({"AUTH", endpoint_.password})
                                       : setup({"AUTH", endpoint_.user, endpoint_.password});
      }
      if (ready && endpoint_.db != 0) ready = setup({"SELECT", std::to_string(endpoint_.db)});
      if (!ready) shared_->counters.error();
      if (ready) {
        if (failed) {
          shared_->counters.reconnect();
          log_info("cache", "redis pub/sub subscriber connected again", {{"redis", where}});
        }
        failed = false;
        logged = false;
        const bool counted = session(c);
        {
          std::lock_guard lock(shared_->mu);
          shared_->confirmed.clear();
          if (shared_->stop) {
            redisFree(c);
            return;
          }
        }
        why = counted ? "no answer to PING" : c->err != 0 ? c->errstr : "connection lost";
        if (!counted) shared_->counters.error();
      }
    }
    if (c != nullptr) redisFree(c);
    failed = true;
    if (!logged) {
      logged = true;
      log_warn("cache",
               "redis pub/sub subscriber disconnected: live signals from other replicas wait "
               "for it (reconnecting every cache.redis.retry_interval_ms)",
               {{"redis", where}, {"error", why}});
    }
    if (!wait_retry()) return;
  }
}

bool RedisPubSub::session(redisContext* c) {
  const std::string& prefix = options_.key_prefix;
  std::set<std::string> sent;       // channels SUBSCRIBEd on this connection (without the prefix)
  auto heard = SteadyClock::now();  // the last bytes from the server
  bool pinging = false;             // a PING waits for its answer
  SteadyClock::time_point ping_sent = heard;  // when it was sent
  for (;;) {
    {
      std::lock_guard lock(shared_->mu);
      if (shared_->stop) return false;
    }
    const std::set<std::string> wanted = shared_->registry.channels();
    bool wrote = false;
    for (const std::string& ch : wanted) {
      if (sent.insert(ch).second) {
        append(c, "SUBSCRIBE", prefix + ch);
        wrote = true;
      }
    }
    for (auto it = sent.begin(); it != sent.end();) {
      if (wanted.contains(*it)) {
        ++it;
        continue;
      }
      append(c, "UNSUBSCRIBE", prefix + *it);
      wrote = true;
      {
        std::lock_guard lock(shared_->mu);
        shared_->confirmed.erase(*it);
      }
      it = sent.erase(it);
    }
    const auto now = SteadyClock::now();
    if (pinging && now - ping_sent > options_.command_timeout) {
      shared_->counters.timeout();  // the server or the path to it is gone without a word
      return true;
    }
    if (!pinging && now - heard >= options_.subscriber_ping) {
      const char* ping = "PING";
      const std::size_t len = 4;
      redisAppendCommandArgv(c, 1, &ping, &len);  // answered ["pong", ""] while subscribed
      wrote = true;
      pinging = true;
      ping_sent = now;
    }
    if (wrote && !flush(c)) return false;
    // Replies already read into hiredis's buffer first, then wait for more.
    for (;;) {
      void* raw = nullptr;
      if (redisGetReplyFromReader(c, &raw) != REDIS_OK) return false;
      if (raw == nullptr) break;
      heard = SteadyClock::now();
      pinging = false;
      auto* r = static_cast<redisReply*>(raw);
      if (r->type == REDIS_REPLY_ARRAY && r->elements == 3 &&
          r->element[0]->type == REDIS_REPLY_STRING && r->element[1]->type == REDIS_REPLY_STRING) {
        const std::string_view kind(r->element[0]->str, r->element[0]->len);
        std::string_view name(r->element[1]->str, r->element[1]->len);
        if (name.starts_with(prefix)) {
          name.remove_prefix(prefix.size());
          const std::string channel(name);
          if (kind == "message" && r->element[2]->type == REDIS_REPLY_STRING) {
            shared_->registry.dispatch(channel,
                                       std::string_view(r->element[2]->str, r->element[2]->len));
          } else if (kind == "subscribe" && sent.contains(channel)) {
            {
              std::lock_guard lock(shared_->mu);
              shared_->confirmed.insert(channel);
            }
            shared_->confirmed_cv.notify_all();
            shared_->registry.went_live(channel);
          }
        }
      }
      freeReplyObject(r);
    }
    // Wake for the next PING or its deadline, at most a second away.
    const auto next =
        pinging ? ping_sent + options_.command_timeout : heard + options_.subscriber_ping;
    const auto wait = std::clamp(
        std::chrono::duration_cast<std::chrono::milliseconds>(next - SteadyClock::now()) +
            std::chrono::milliseconds(1),
        std::chrono::milliseconds(1), std::chrono::milliseconds(1000));
    pollfd fds[2] = {{c->fd, POLLIN, 0}, {shared_->wake_fd, POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(wait.count())) < 0 && errno != EINTR) return false;
    if ((fds[1].revents & POLLIN) != 0) {
      uint64_t v = 0;
      [[maybe_unused]] auto n = ::read(shared_->wake_fd, &v, sizeof v);
    }
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      if (redisBufferRead(c) != REDIS_OK) return false;
    }
  }
}

}  // namespace sp::cache::redis
