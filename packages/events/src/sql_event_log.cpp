#include "sql_event_log.hpp"

#include <algorithm>

#include "event_log_sql.hpp"
#include "strangeprompt/db/migrations.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::events {
namespace {

constexpr std::size_t kMaxBatch = 10'000;
constexpr std::size_t kMaxNameBytes = 200;

Status check_topic(std::string_view topic) {
  if (topic.size() > kMaxNameBytes || !is_valid_topic(topic)) {
    return Error::invalid("invalid topic name");
  }
  return ok_status();
}

Status check_group(std::string_view group) {
  if (group.empty() || group.size() > kMaxNameBytes) return Error::invalid("invalid group name");
  return ok_status();
}

// Takes the topic's next offset and inserts the record, inside the caller's transaction.
Status insert_record(db::Session& s, std::string_view topic, std::string_view key,
                     std::string_view payload, int64_t ts, int64_t& offset) {
  SP_TRY(s.execute(sql::kEnsureTopic, {topic}));
  SP_TRY(s.execute(sql::kBumpTopic, {topic}));
  SP_ASSIGN_OR_RETURN(db::Rows rows, s.query(sql::kTakenOffset, {topic}));
  if (rows.empty()) return Error::internal_error("event topic row vanished");
  offset = rows[0].get_int(0);
  SP_TRY(s.execute(sql::kInsertRecord, {topic, offset, key, payload, ts}));
  return ok_status();
}

}  // namespace

Result<std::unique_ptr<EventLog>> SqlEventLog::create(std::unique_ptr<db::Database> db,
                                                      const Clock& clock,
                                                      std::chrono::milliseconds recheck) {
  SP_TRY(db::migrate(*db, "events", sql::migrations()));
  return std::unique_ptr<EventLog>(new SqlEventLog(std::move(db), clock, recheck));
}

uint64_t SqlEventLog::generation(const std::string& topic) {
  auto it = generations_.find(topic);
  return it == generations_.end() ? 0 : it->second;
}

Result<int64_t> SqlEventLog::append(std::string_view topic, std::string_view key,
                                    std::string_view payload) {
  SP_TRY(check_topic(topic));
  int64_t offset = -1;
  const int64_t ts = clock_.now_ms();
  Status written = db_->transact(
      [&](db::Session& s) { return insert_record(s, topic, key, payload, ts, offset); });
  SP_TRY(written);
  {
    std::lock_guard lock(mu_);
    ++generations_[std::string(topic)];
  }
  appended_.notify_all();
  return offset;
}

Result<std::vector<Record>> SqlEventLog::read(std::string_view topic, int64_t from_offset,
                                              std::size_t max) {
  SP_TRY(check_topic(topic));
  if (from_offset < 0) return Error::invalid("offset must not be negative");
  std::vector<Record> records;
  if (max == 0) return records;
  const auto limit = static_cast<int64_t>(std::min(max, kMaxBatch));
  SP_ASSIGN_OR_RETURN(db::Rows rows, db_->query(sql::kReadRecords, {topic, from_offset, limit}));
  records.reserve(rows.size());
  for (const db::Row& row : rows) {
    records.push_back(Record{std::string(topic), row.get_int(0), row.get_text(1), row.get_text(2),
                             row.get_int(3)});
  }
  return records;
}

Result<std::vector<Record>> SqlEventLog::poll(std::string_view group, std::string_view topic,
                                              std::size_t max, std::chrono::milliseconds wait) {
  SP_TRY(check_group(group));
  SP_TRY(check_topic(topic));
  const std::string topic_name(topic);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    uint64_t seen;
    {
      std::lock_guard lock(mu_);
      seen = generation(topic_name);  // taken before reading, so no append can slip past
    }
    SP_ASSIGN_OR_RETURN(int64_t from, committed(group, topic));
    SP_ASSIGN_OR_RETURN(std::vector<Record> records, read(topic, from, max));
    const auto now = std::chrono::steady_clock::now();
    if (!records.empty() || max == 0 || now >= deadline) return records;
    std::unique_lock lock(mu_);
    appended_.wait_until(lock, std::min(deadline, now + recheck_),
                         [&] { return generation(topic_name) != seen; });
  }
}

Status SqlEventLog::check_position(std::string_view group, std::string_view topic, int64_t offset) {
  SP_TRY(check_group(group));
  SP_TRY(check_topic(topic));
  SP_ASSIGN_OR_RETURN(int64_t end, end_offset(topic));
  if (offset < 0 || offset > end) return Error::invalid("offset outside the topic");
  return ok_status();
}

Status SqlEventLog::commit(std::string_view group, std::string_view topic, int64_t next_offset) {
  SP_TRY(check_position(group, topic, next_offset));
  SP_TRY(db_->execute(sql::kCommitForward, {group, topic, next_offset}));
  return ok_status();
}

Result<int64_t> SqlEventLog::committed(std::string_view group, std::string_view topic) {
  SP_TRY(check_group(group));
  SP_TRY(check_topic(topic));
  SP_ASSIGN_OR_RETURN(db::Rows rows, db_->query(sql::kCommitted, {group, topic}));
  return rows.empty() ? int64_t{0} : rows[0].get_int(0);
}

Status SqlEventLog::seek(std::string_view group, std::string_view topic, int64_t offset) {
  SP_TRY(check_position(group, topic, offset));
  SP_TRY(db_->execute(sql::kSeek, {group, topic, offset}));
  return ok_status();
}

Result<int64_t> SqlEventLog::end_offset(std::string_view topic) {
  SP_TRY(check_topic(topic));
  SP_ASSIGN_OR_RETURN(db::Rows rows, db_->query(sql::kEndOffset, {topic}));
  return rows.empty() ? int64_t{0} : rows[0].get_int(0);
}

Status SqlEventLog::ping() {
  return db_->ping();
}

}  // namespace sp::events
