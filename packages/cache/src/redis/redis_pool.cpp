#include "redis_pool.hpp"

#include <hiredis/hiredis.h>

#include <cerrno>
#include <csignal>
#include <mutex>

#include "strangeprompt/core/log.hpp"

namespace sp::cache::redis {
namespace {

using Clock = std::chrono::steady_clock;

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

Reply copy_reply(const redisReply& r) {
  Reply out;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::kError;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      for (std::size_t i = 0; i < r.elements; ++i)
        out.elements.push_back(copy_reply(*r.element[i]));
      break;
    default:
      out.type = Reply::Type::kNil;
  }
  return out;
}

Error unavailable(std::string internal) {
  Error e = Error::unavailable("redis unavailable");
  e.internal = std::move(internal);
  return e;
}

}  // namespace

Pool::Pool(RedisEndpoint endpoint, const RedisOptions& options, std::string use)
    : endpoint_(std::move(endpoint)),
      options_(options),
      counters_(options.metrics, std::move(use)) {
  // hiredis writes with write(2): a write to a connection Redis reset would raise SIGPIPE and
  // end the process. The process ignores it instead; the write then fails with EPIPE, which the
  // pool handles like any other connection failure.
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
}

Pool::~Pool() {
  for (redisContext* c : idle_) redisFree(c);
}

Result<redisContext*> Pool::connect() {
  redisContext* c = redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port,
                                            to_timeval(options_.connect_timeout));
  if (c == nullptr) return unavailable("redis: cannot allocate a connection");
  if (c->err != 0) {
    std::string why = c->errstr;
    if (is_timeout(c->err, errno, c->errstr)) {
      counters_.timeout();
    } else {
      counters_.error();
    }
    redisFree(c);
    return unavailable("redis connect " + endpoint_.host + ":" + std::to_string(endpoint_.port) +
                       ": " + why);
  }
  if (redisSetTimeout(c, to_timeval(options_.command_timeout)) != REDIS_OK) {
    redisFree(c);
    return unavailable("redis: cannot set the command timeout");
  }
  auto setup = [&](const std::vector<std::string_view>& args) -> Status {
    SP_ASSIGN_OR_RETURN(Reply r, send(c, args));
    if (r.is_error())
      return Error::unavailable("redis refused " + std::string(args[0]) + ": " + r.str);
    return ok_status();
  };
  Status ready = ok_status();
  if (!endpoint_.password.empty()) {
    ready = endpoint_.user.empty() ? setup({"AUTH", endpoint_.password})
                                   : setup({"AUTH", endpoint_.user, endpoint_.password});
  }
  const std::string db = std::to_string(endpoint_.db);
  if (ready.ok() && endpoint_.db != 0) ready = setup({"SELECT", db});
  if (!ready.ok()) {
    counters_.error();
    redisFree(c);
    return ready.error();
  }
  {
    std::lock_guard lock(mu_);
    if (failed_) counters_.reconnect();
    failed_ = false;
  }
  return c;
}

Result<Pool::Lease> Pool::checkout() {
  std::unique_lock lock(mu_);
  const auto deadline = Clock::now() + options_.command_timeout;
  for (;;) {
    if (Clock::now() < down_until_) {
      counters_.error();
      return unavailable("redis marked down after a failure");
    }
    if (!idle_.empty()) {
      redisContext* c = idle_.back();
      idle_.pop_back();
      return Lease{c, false};
    }
    if (open_ < options_.pool_size) {
      ++open_;
      lock.unlock();
      auto c = connect();
      if (c.ok()) return Lease{*c, true};
      lock.lock();
      --open_;
      failed_ = true;
      mark_down(c.error());
      freed_.notify_all();
      return c.error();
    }
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout) {
      counters_.timeout();
      return unavailable("redis pool exhausted");
    }
  }
}

void Pool::checkin(redisContext* ctx) {
  std::lock_guard lock(mu_);
  idle_.push_back(ctx);
  freed_.notify_one();
  if (down_) {
    down_ = false;
    log_info("cache", "redis reachable again", {{"redis", where()}});
  }
}

std::string Pool::where() const {
  return endpoint_.host + ":" + std::to_string(endpoint_.port);
}

void Pool::mark_down(const Error& why) {
  down_until_ = Clock::now() + options_.retry_interval;
  if (down_) return;
  down_ = true;  // one warning per outage, not one per failed call
  log_warn("cache", "redis unreachable: the cache falls through, the limiter follows its config",
           {{"redis", where()}, {"error", why.internal.empty() ? why.message : why.internal}});
}

void Pool::discard(redisContext* ctx, const Error* down_because) {
  std::vector<redisContext*> stale;
  {
    std::lock_guard lock(mu_);
    --open_;
    failed_ = true;
    // The idle connections most likely share the failed one's fate (a restart, an outage).
    stale.swap(idle_);
    open_ -= stale.size();
    if (down_because != nullptr) mark_down(*down_because);
    freed_.notify_all();
  }
  redisFree(ctx);
  for (redisContext* c : stale) redisFree(c);
}

Result<Reply> Pool::send(redisContext* ctx, const std::vector<std::string_view>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (std::string_view a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  void* raw = redisCommandArgv(ctx, static_cast<int>(argv.size()), argv.data(), lens.data());
  if (raw == nullptr) return unavailable(std::string("redis: ") + ctx->errstr);
  auto* reply = static_cast<redisReply*>(raw);
  Reply out = copy_reply(*reply);
  freeReplyObject(reply);
  return out;
}

Result<Reply> Pool::command(const std::vector<std::string_view>& args) {
  for (int attempt = 0;; ++attempt) {
    SP_ASSIGN_OR_RETURN(Lease lease, checkout());
    auto reply = send(lease.ctx, args);
    const int saved_errno = errno;
    if (reply.ok()) {
      checkin(lease.ctx);
      return reply;
    }
    // A reused connection the server closed (it restarted, or dropped an idle client) never
    // delivered the command: send it once more on a fresh connection. A timeout may have run it,
    // so it is never retried.
    const bool closed_by_server =
        lease.ctx->err == REDIS_ERR_EOF ||
        (lease.ctx->err == REDIS_ERR_IO && (errno == ECONNRESET || errno == EPIPE));
    const bool retry = !lease.fresh && closed_by_server && attempt == 0;
    if (!retry) {
      if (is_timeout(lease.ctx->err, saved_errno, lease.ctx->errstr)) {
        counters_.timeout();
      } else {
        counters_.error();
      }
    }
    discard(lease.ctx, retry ? nullptr : &reply.error());
    if (!retry) return reply;
  }
}

Status Pool::ping() {
  SP_ASSIGN_OR_RETURN(Reply r, command({"PING"}));
  if (r.type != Reply::Type::kStatus || r.str != "PONG") {
    return Error::unavailable("redis PING answered " + (r.is_error() ? r.str : "no PONG"));
  }
  return ok_status();
}

}  // namespace sp::cache::redis
