#pragma once
// The EventLog adapter over sp::db: the embedded backend (its own SQLite file) and the PostgreSQL
// backend run the same SQL. Pollers of this process wait on a condition variable woken by append;
// appends from other processes are noticed by re-querying every `recheck`.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "strangeprompt/db/database.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::events {

class SqlEventLog final : public EventLog {
 public:
  // Migrates `db` (bookkeeping under service "events") and wraps it.
  static Result<std::unique_ptr<EventLog>> create(std::unique_ptr<db::Database> db,
                                                  const Clock& clock,
                                                  std::chrono::milliseconds recheck);

  Result<int64_t> append(std::string_view topic, std::string_view key,
                         std::string_view payload) override;
  Result<std::vector<Record>> read(std::string_view topic, int64_t from_offset,
                                   std::size_t max) override;
  Result<std::vector<Record>> poll(std::string_view group, std::string_view topic, std::size_t max,
                                   std::chrono::milliseconds wait) override;
  Status commit(std::string_view group, std::string_view topic, int64_t next_offset) override;
  Result<int64_t> committed(std::string_view group, std::string_view topic) override;
  Status seek(std::string_view group, std::string_view topic, int64_t offset) override;
  Result<int64_t> end_offset(std::string_view topic) override;
  Status ping() override;

 private:
  SqlEventLog(std::unique_ptr<db::Database> db, const Clock& clock,
              std::chrono::milliseconds recheck)
      : db_(std::move(db)), clock_(clock), recheck_(recheck) {}
  uint64_t generation(const std::string& topic);  // requires mu_
  Status check_position(std::string_view group, std::string_view topic, int64_t offset);

  std::unique_ptr<db::Database> db_;
  const Clock& clock_;
  std::chrono::milliseconds recheck_;
  std::mutex mu_;
  std::condition_variable appended_;
  std::unordered_map<std::string, uint64_t> generations_;  // appends per topic; guarded by mu_
};

}  // namespace sp::events
