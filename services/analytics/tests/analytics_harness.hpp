#pragma once
// The analytics flows over a scratch database (SQLite or the test PostgreSQL) with a manual clock,
// a real embedded event log and outbox relay, and helpers that publish gallery events.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "logic/beacon_intake.hpp"
#include "logic/counting.hpp"
#include "logic/event_intake.hpp"
#include "logic/reports.hpp"
#include "store/analytics_store.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/testing/scratch_database.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/events/outbox.hpp"

namespace sp::analytics::testing {

class AnalyticsHarness {
 public:
  explicit AnalyticsHarness(std::string_view backend = "sqlite", BeaconLimits limits = {}) {
    auto scratch = db::testing::ScratchDatabase::create(backend);
    if (!scratch.ok()) throw std::runtime_error(scratch.error().message);
    scratch_ = std::move(*scratch);
    if (!migrate_analytics_store(scratch_->db()).ok() ||
        !events::Outbox::ensure_schema(scratch_->db()).ok()) {
      throw std::runtime_error("analytics migrations failed");
    }
    auto log = events::EventLog::open(
        {.backend = "embedded", .path = (dir_.path() / "events.db").string(), .clock = &clock_});
    if (!log.ok()) throw std::runtime_error(log.error().message);
    log_ = std::move(*log);
    store_ = std::make_unique<AnalyticsStore>(scratch_->db());
    ctx_ = std::make_unique<AnalyticsContext>(AnalyticsContext{*store_, clock_, ids_});
    auto limiter = cache::RateLimiter::create({.clock = &clock_});
    if (!limiter.ok()) throw std::runtime_error(limiter.error().message);
    intake_ = std::make_unique<BeaconIntake>(*ctx_, std::move(*limiter), limits);
    reports_ = std::make_unique<Reports>(*ctx_);
    restart();
  }

  // A fresh Counting (what a process restart builds), warmed from the store.
  void restart() {
    counting_ = std::make_unique<Counting>(*ctx_);
    if (!counting_->warm().ok()) throw std::runtime_error("warm failed");
  }

  Counting& counting() { return *counting_; }
  Reports& reports() { return *reports_; }
  BeaconIntake& intake() { return *intake_; }
  AnalyticsStore& store() { return *store_; }
  ManualClock& clock() { return clock_; }
  events::EventLog& log() { return *log_; }
  db::Database& db() { return scratch_->db(); }

  // Appends an event to the log as its producer would.
  void publish(const std::string& type, const std::string& key, std::string data) {
    events::Envelope e{.id = "ev-" + std::to_string(++seq_),
                       .type = type,
                       .version = 1,
                       .occurred_at_ms = clock_.now_ms(),
                       .key = key,
                       .data_json = std::move(data)};
    if (!log_->append(type, key, *e.to_json()).ok()) throw std::runtime_error("append failed");
  }
  void post_published(int64_t post, int64_t author, const std::string& title,
                      const std::vector<std::string>& tags, const std::string& model) {
    publish("gallery.post.published", std::to_string(post),
            JsonObject()
                .id("postId", post)
                .id("authorId", author)
                .string("title", title)
                .strings("tags", tags)
                .string("model", model)
                .str());
  }
  void liked(int64_t post, int64_t user, int64_t author, bool liked = true) {
    publish("gallery.likes", std::to_string(post),
            JsonObject()
                .id("postId", post)
                .id("userId", user)
                .id("authorId", author)
                .boolean("liked", liked)
                .str());
  }
  void commented(int64_t post, int64_t user, int64_t author) {
    publish("gallery.comments", std::to_string(post),
            JsonObject()
                .id("commentId", ++seq_)
                .id("postId", post)
                .id("authorId", user)
                .id("postAuthorId", author)
                .str());
  }
  void user_deleted(int64_t user) {
    publish("user.deleted", std::to_string(user),
            JsonObject().id("userId", user).time("deletedAt", clock_.now_ms()).str());
  }
  // Moves the outbox to the log (what the relay thread does).
  void relay() {
    events::OutboxRelay relay(scratch_->db(), *log_);
    while (relay.relay_once().value_or(0) > 0) {
    }
  }
  // Feeds every record after the group's committed offset to its take_* function and commits,
  // as the ConsumerRunner does; returns how many records were handled.
  int drain(const std::string& group, const std::string& topic,
            Status (*take)(Counting&, const events::Record&)) {
    int n = 0;
    for (;;) {
      auto records = log_->poll(group, topic, 100, std::chrono::milliseconds(0));
      if (!records.ok() || records->empty()) return n;
      for (const auto& r : *records) {
        if (!take(*counting_, r).ok()) throw std::runtime_error("handler failed");
        (void)log_->commit(group, topic, r.offset + 1);
        ++n;
      }
    }
  }
  // Every analytics consumer, drained.
  int drain_all() {
    relay();
    int n = drain("analytics.posts.v1", "gallery.post.published", take_post_published);
    n += drain("analytics.view_batches.v1", "analytics.view_batch", take_view_batch);
    n += drain("analytics.likes.v1", "gallery.likes", take_like);
    n += drain("analytics.comments.v1", "gallery.comments", take_comment);
    n += drain("analytics.user_deleted.v1", "user.deleted", take_user_deleted);
    return n;
  }
  // Beacon views of `post` by `viewers` from `address` (default: a new address per call, as
  // different people's browsers), through the intake (outbox).
  Result<int64_t> views(int64_t post, const std::vector<std::string>& viewers,
                        std::string address = {}) {
    if (address.empty()) {
      const int64_t n = ++addresses_;
      address = "192.0." + std::to_string(n / 250) + "." + std::to_string(n % 250);
    }
    std::vector<BeaconView> batch;
    for (const auto& v : viewers) batch.push_back({post, v});
    return intake_->accept(address, batch);
  }
  int64_t outbox(std::string_view topic) {
    auto rows = scratch_->db().query("SELECT COUNT(*) FROM event_outbox WHERE topic = ?", {topic});
    return rows.ok() && !rows->empty() ? (*rows)[0].get_int(0) : -1;
  }
  std::vector<std::string> outbox_payloads(std::string_view topic) {
    auto rows = scratch_->db().query("SELECT payload FROM event_outbox WHERE topic = ? ORDER BY id",
                                     {topic});
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& row : *rows) out.push_back(row.get_text(0));
    }
    return out;
  }

 private:
  sp::testing::TempDir dir_{"sp-analytics"};
  ManualClock clock_;
  IdGenerator ids_{clock_};
  int64_t seq_ = 0;
  int64_t addresses_ = 0;
  std::unique_ptr<db::testing::ScratchDatabase> scratch_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<AnalyticsStore> store_;
  std::unique_ptr<AnalyticsContext> ctx_;
  std::unique_ptr<BeaconIntake> intake_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<Counting> counting_;
};

}  // namespace sp::analytics::testing
