// Fan-out figure: a creator with N followers (default 100,000) publishes; the time to handle that
// gallery.post.published event (one transaction: read the followers with their preferences,
// write N new_post inbox rows in 500-row statements, commit), on a SQLite file, and on PostgreSQL
// when a DSN is given. Reference in the same run: writing N bare rows of the same width with
// one-row INSERT statements in one transaction (what a naive fan-out would do).
// Usage: sp_notifications_bench [followers=100000] [postgres-dsn]
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>

#include "logic/sources.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/statements.hpp"

namespace {

using namespace sp;
using namespace sp::notifications;
using Steady = std::chrono::steady_clock;

double since(Steady::time_point t) {
  return std::chrono::duration<double>(Steady::now() - t).count();
}

void must(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s %s\n", what, s.error().message.c_str(),
                 s.error().internal.c_str());
    std::exit(1);
  }
}

void run(const std::string& label, db::DatabaseOptions options, int64_t followers) {
  auto opened = db::Database::open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "open %s: %s\n", label.c_str(), opened.error().message.c_str());
    std::exit(1);
  }
  db::Database& db = **opened;
  if (!migrate_notification_store(db).ok()) std::exit(1);
  NotificationStore store(db);
  const Clock& clock = Clock::system();
  IdGenerator ids(clock);
  LiveHub hub;
  std::mutex order;
  MailSettings mail;
  InboxContext ctx{store, clock, ids, hub, order, mail};
  NotificationSources sources(ctx);
  const int64_t creator = 1;
  must(store.transact([&](NotificationWrites& tx) -> Status {
    for (int64_t f = 0; f < followers; ++f) SP_TRY(tx.set_follow(1000 + f, creator, true, 0));
    return ok_status();
  }),
       "follow graph");

  auto t = Steady::now();
  must(sources.on_post_published({.event_id = "bench-post", .occurred_at_ms = clock.now_ms()}, 42,
                                 creator, "A title of ordinary length", std::nullopt),
       "fan-out");
  const double fanout = since(t);
  auto rows = db.query("SELECT COUNT(*) FROM notifications WHERE kind = 'new_post'");
  const int64_t written = rows.ok() ? (*rows)[0].get_int(0) : -1;

  t = Steady::now();
  must(db.transact([&](db::Session& s) -> Status {
    for (int64_t f = 0; f < followers; ++f) {
      db::Params params;
      params.emplace_back(ids.next());
      params.emplace_back(1000 + f);
      params.emplace_back(clock.now_ms());
      SP_TRY(db::run(s,
                     "INSERT INTO notifications (id, user_id, kind, subject_type, subject_id, "
                     "subject_title, actor_ids, actor_count, group_key, is_read, created_at) "
                     "VALUES (?, ?, 'ref', 'post', 43, 'A title of ordinary length', '[1]', "
                     "1, NULL, 0, ?)",
                     params));
    }
    return ok_status();
  }),
       "reference");
  const double reference = since(t);
  std::printf(
      "%-10s fan-out to %lld followers: %lld rows in %.3f s (%.0f rows/s); reference "
      "one-row INSERTs: %.3f s; ratio %.2f\n",
      label.c_str(), static_cast<long long>(followers), static_cast<long long>(written), fanout,
      static_cast<double>(written) / fanout, reference, reference / fanout);
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t followers = argc > 1 ? std::atoll(argv[1]) : 100'000;
  char pattern[] = "/tmp/sp-notify-bench-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) return 1;
  const std::string dir = pattern;
  db::DatabaseOptions sqlite;
  sqlite.backend = "sqlite";
  sqlite.sqlite_path = dir + "/notifications.db";
  run("sqlite", sqlite, followers);
  if (argc > 2) {
    db::DatabaseOptions pg;
    pg.backend = "postgres";
    pg.postgres_dsn = argv[2];
    pg.postgres_schema = "bench_notifications_" + std::to_string(::getpid());
    run("postgres", pg, followers);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
