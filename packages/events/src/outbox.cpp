#include "strangeprompt/events/outbox.hpp"

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/db/migrations.hpp"

namespace sp::events {
namespace {

const std::vector<db::MigrationFile>& outbox_migrations() {
  static const std::vector<db::MigrationFile> files{
      {"001_event_outbox.sqlite.sql",
       "CREATE TABLE event_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,\n"
       "  event_key TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL);\n"},
      {"001_event_outbox.postgres.sql",
       "CREATE TABLE event_outbox (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
       "  topic TEXT NOT NULL, event_key TEXT NOT NULL, payload TEXT NOT NULL,\n"
       "  created_at BIGINT NOT NULL);\n"},
  };
  return files;
}

constexpr std::string_view kEnqueue =
    "INSERT INTO event_outbox (topic, event_key, payload, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kPending =
    "SELECT id, topic, event_key, payload FROM event_outbox ORDER BY id LIMIT ?";
constexpr std::string_view kDelete = "DELETE FROM event_outbox WHERE id = ?";

}  // namespace

Status Outbox::ensure_schema(db::Database& db) {
  SP_TRY(db::migrate(db, "event_outbox", outbox_migrations()));
  return ok_status();
}

Status Outbox::enqueue(db::Session& tx, const Envelope& envelope) {
  SP_ASSIGN_OR_RETURN(std::string payload, envelope.to_json());
  SP_TRY(tx.execute(kEnqueue, {envelope.type, envelope.key, payload, envelope.occurred_at_ms}));
  return ok_status();
}

OutboxRelay::OutboxRelay(db::Database& db, EventLog& log, OutboxRelayOptions options)
    : db_(db),
      log_(log),
      options_(options),
      task_("outbox relay", options.interval, [this] { pass(); }) {}

OutboxRelay::~OutboxRelay() {
  stop();
}

Result<int> OutboxRelay::relay_once() {
  SP_ASSIGN_OR_RETURN(db::Rows rows, db_.query(kPending, {static_cast<int64_t>(options_.batch)}));
  int moved = 0;
  for (const db::Row& row : rows) {
    SP_TRY(log_.append(row.get_text(1), row.get_text(2), row.get_text(3)));
    // A crash here re-sends the row on the next pass: a duplicate, never a loss.
    SP_TRY(db_.execute(kDelete, {row.get_int(0)}));
    ++moved;
  }
  return moved;
}

void OutboxRelay::start() {
  task_.start();
}

void OutboxRelay::stop() {
  task_.stop();
}

void OutboxRelay::pass() {
  auto moved = relay_once();
  if (!moved.ok()) {
    log_warn("events", "outbox relay pass failed",
             {{"error", moved.error().message}, {"detail", moved.error().internal}});
    return;
  }
  // A full batch means more rows are probably waiting: run again without waiting.
  if (static_cast<std::size_t>(*moved) == options_.batch) task_.wake();
}

}  // namespace sp::events
