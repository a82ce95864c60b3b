#include "logic/inbox_reader.hpp"

#include "logic/rules.hpp"
#include "mail/unsubscribe_token.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/http/event_stream.hpp"
#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::notifications {
namespace {

constexpr std::size_t kStreamBatch = 200;

// One open stream: sends the user's rows after `last_sent_` whenever pumped. Pumps come from the
// opening handler and from the hub (consumer threads); the lock keeps them in order.
class LiveFeed : public std::enable_shared_from_this<LiveFeed> {
 public:
  LiveFeed(const InboxReader& reader, const InboxContext& ctx, int64_t user, int64_t after,
           std::shared_ptr<http::EventStream> stream)
      : reader_(reader), ctx_(ctx), user_(user), last_sent_(after), stream_(std::move(stream)) {}

  void start() {
    std::weak_ptr<LiveFeed> weak = weak_from_this();
    token_ = ctx_.hub.subscribe(user_, [self = shared_from_this()] { self->pump(); });
    stream_->on_finished([weak] {
      if (auto self = weak.lock()) self->ctx_.hub.unsubscribe(self->user_, self->token_);
    });
    pump();
  }

  void pump() {
    std::lock_guard lock(mu_);
    if (stream_->ended()) return;
    NotificationReads reads = ctx_.store.reads();
    while (true) {
      auto rows = reads.since(user_, last_sent_, kStreamBatch);
      if (!rows.ok()) {
        log_warn("notifications", "live stream read failed", {{"error", rows.error().message}});
        return;  // the next signal or a reconnection with Last-Event-ID catches up
      }
      for (const Notification& n : *rows) {
        auto item = reader_.render(reads, n);
        if (!item.ok()) return;
        if (!stream_->send(http::sse_message(id_to_string(n.id), "notification", *item))) return;
        last_sent_ = n.id;
      }
      if (rows->size() < kStreamBatch) return;
    }
  }

 private:
  const InboxReader& reader_;
  const InboxContext& ctx_;
  const int64_t user_;
  std::mutex mu_;
  int64_t last_sent_;
  uint64_t token_ = 0;
  std::shared_ptr<http::EventStream> stream_;
};

}  // namespace

Result<std::string> InboxReader::render(NotificationReads& reads, const Notification& n) const {
  SP_ASSIGN_OR_RETURN(std::vector<Actor> actors, reads.actors(n.actor_ids));
  return item_json(n, actors);
}

Result<InboxPage> InboxReader::page(int64_t user, std::optional<int64_t> before, bool unread_only,
                                    std::size_t limit) const {
  NotificationReads reads = ctx_.store.reads();
  InboxPage out;
  SP_ASSIGN_OR_RETURN(out.rows, reads.page(user, before, unread_only, limit + 1));
  for (std::size_t i = 0; i < out.rows.size() && i < limit; ++i) {
    SP_ASSIGN_OR_RETURN(std::string item, render(reads, out.rows[i]));
    out.items.push_back(std::move(item));
  }
  SP_ASSIGN_OR_RETURN(out.unread_count, reads.unread_count(user));
  return out;
}

Result<int64_t> InboxReader::mark_read(int64_t user, const std::vector<int64_t>& ids) const {
  int64_t unread = 0;
  SP_TRY(ctx_.store.transact([&](NotificationWrites& tx) -> Status {
    SP_ASSIGN_OR_RETURN([[maybe_unused]] int64_t changed, tx.mark_read(user, ids));
    SP_ASSIGN_OR_RETURN(unread, tx.unread_count(user));
    return ok_status();
  }));
  return unread;
}

Result<int64_t> InboxReader::mark_all_read(int64_t user) const {
  int64_t unread = 0;
  SP_TRY(ctx_.store.transact([&](NotificationWrites& tx) -> Status {
    SP_ASSIGN_OR_RETURN([[maybe_unused]] int64_t changed, tx.mark_all_read(user));
    SP_ASSIGN_OR_RETURN(unread, tx.unread_count(user));
    return ok_status();
  }));
  return unread;
}

Result<std::string> InboxReader::issue_ticket(int64_t user) const {
  std::string ticket = security::random_token(32);
  SP_TRY(ctx_.store.transact([&](NotificationWrites& tx) {
    return tx.insert_ticket(security::sha256_hex(ticket), user, ctx_.now_ms() + kTicketTtlMs);
  }));
  return ticket;
}

Result<int64_t> InboxReader::redeem_ticket(std::string_view ticket) const {
  std::optional<int64_t> user;
  SP_TRY(ctx_.store.transact([&](NotificationWrites& tx) -> Status {
    SP_ASSIGN_OR_RETURN(user, tx.take_ticket(security::sha256_hex(ticket), ctx_.now_ms()));
    return ok_status();
  }));
  if (!user) return Error::unauthenticated("the stream ticket is unknown, used or expired");
  return *user;
}

Result<std::string> InboxReader::unsubscribe(std::string_view token) const {
  auto opened = mail::open_unsubscribe_token(ctx_.mail.unsubscribe_key, token);
  if (!opened) {
    Error e = Error::invalid("the unsubscribe link is not valid");
    e.fields.push_back({"token", "is not a valid unsubscribe token"});
    return e;
  }
  SP_TRY(ctx_.store.transact(
      [&](NotificationWrites& tx) { return tx.opt_out(opened->user_id, opened->category); }));
  return opened->category;
}

Result<std::shared_ptr<http::EventStream>> InboxReader::open_stream(
    int64_t user, std::optional<int64_t> last_event_id) const {
  int64_t after = 0;
  if (last_event_id) {
    after = *last_event_id;
  } else {
    SP_ASSIGN_OR_RETURN(after, ctx_.store.reads().newest_id(user));
  }
  auto stream = std::make_shared<http::EventStream>(heartbeat_);
  std::make_shared<LiveFeed>(*this, ctx_, user, after, stream)->start();
  return stream;
}

}  // namespace sp::notifications
