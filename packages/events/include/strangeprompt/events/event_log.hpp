#pragma once
// The EventLog port: append-only topics of records with per-topic offsets (0, 1, 2, ...) and
// per-consumer-group committed offsets. Delivery is at-least-once: poll() hands out records from
// the group's committed offset on, so a record is redelivered until the group commits past it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::events {

struct Record {
  std::string topic;
  int64_t offset = 0;        // position in the topic, dense from 0
  std::string key;           // partition key (ordering is per topic here, a superset)
  std::string payload;       // UTF-8 text, usually an Envelope's JSON
  int64_t timestamp_ms = 0;  // append time, Unix milliseconds
};

struct EventLogOptions {
  std::string backend = "embedded";  // "embedded" (own SQLite file) | "postgres" | "kafka"
  std::string path{};                // embedded: the SQLite file, created if missing
  std::string postgres_dsn{};        // postgres: libpq conninfo
  std::string postgres_schema = "events";
  std::string kafka_brokers{};       // kafka: bootstrap list "host:port,host:port"
  std::string kafka_topic_prefix{};  // kafka: prepended to every topic name ([A-Za-z0-9._-])
  const Clock* clock = nullptr;      // record timestamps; nullptr = Clock::system()
};

class EventLog {
 public:
  virtual ~EventLog() = default;
  // Opens (and migrates) the log chosen by options.backend; kInvalidArgument for an unknown
  // backend or a missing path / DSN / broker list, kUnavailable when no Kafka broker answers.
  static Result<std::unique_ptr<EventLog>> open(const EventLogOptions& options);

  // Appends one record and returns its offset. Thread-safe; wakes pollers of `topic`.
  virtual Result<int64_t> append(std::string_view topic, std::string_view key,
                                 std::string_view payload) = 0;
  // Up to `max` records of `topic` with offset >= from_offset, in offset order (replay).
  virtual Result<std::vector<Record>> read(std::string_view topic, int64_t from_offset,
                                           std::size_t max) = 0;
  // Up to `max` records from the group's committed offset on; when there are none, waits up to
  // `wait` for an append. Does not move the committed offset.
  virtual Result<std::vector<Record>> poll(std::string_view group, std::string_view topic,
                                           std::size_t max, std::chrono::milliseconds wait) = 0;
  // Marks records before `next_offset` as processed. Never moves backwards: a lower value than the
  // current one is ignored. kInvalidArgument beyond end_offset(topic).
  virtual Status commit(std::string_view group, std::string_view topic, int64_t next_offset) = 0;
  // The group's next offset to process; 0 for a group that never committed.
  virtual Result<int64_t> committed(std::string_view group, std::string_view topic) = 0;
  // Sets the group's offset anywhere in [0, end_offset] (replay or skip).
  virtual Status seek(std::string_view group, std::string_view topic, int64_t offset) = 0;
  // The offset the next append to `topic` will get (= number of records).
  virtual Result<int64_t> end_offset(std::string_view topic) = 0;
  // Whether the log's backend answers now (the process's "events" readiness check); touches no
  // topic. kUnavailable (or the engine's error) when it does not.
  virtual Status ping() = 0;
};

}  // namespace sp::events
