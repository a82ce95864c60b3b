#pragma once
// The event log's SQL, identical on SQLite and PostgreSQL (`?` placeholders, ON CONFLICT upserts).
// Column names avoid the reserved words OFFSET, KEY and GROUP.
#include <string_view>
#include <vector>

#include "strangeprompt/db/migrations.hpp"

namespace sp::events::sql {

inline const std::vector<db::MigrationFile>& migrations() {
  static const std::vector<db::MigrationFile> files{
      {"001_event_log.sql",
       "CREATE TABLE event_topics (topic TEXT PRIMARY KEY, next_offset BIGINT NOT NULL);\n"
       "CREATE TABLE event_records (topic TEXT NOT NULL, record_offset BIGINT NOT NULL,\n"
       "  record_key TEXT NOT NULL, payload TEXT NOT NULL, ts BIGINT NOT NULL,\n"
       "  PRIMARY KEY (topic, record_offset));\n"
       "CREATE TABLE consumer_offsets (consumer_group TEXT NOT NULL, topic TEXT NOT NULL,\n"
       "  next_offset BIGINT NOT NULL, PRIMARY KEY (consumer_group, topic));\n"},
  };
  return files;
}

// Offset assignment: the topic row's lock serialises concurrent appenders on PostgreSQL too.
inline constexpr std::string_view kEnsureTopic =
    "INSERT INTO event_topics (topic, next_offset) VALUES (?, 0) ON CONFLICT (topic) DO NOTHING";
inline constexpr std::string_view kBumpTopic =
    "UPDATE event_topics SET next_offset = next_offset + 1 WHERE topic = ?";
inline constexpr std::string_view kTakenOffset =
    "SELECT next_offset - 1 FROM event_topics WHERE topic = ?";
inline constexpr std::string_view kInsertRecord =
    "INSERT INTO event_records (topic, record_offset, record_key, payload, ts) "
    "VALUES (?, ?, ?, ?, ?)";

inline constexpr std::string_view kReadRecords =
    "SELECT record_offset, record_key, payload, ts FROM event_records "
    "WHERE topic = ? AND record_offset >= ? ORDER BY record_offset LIMIT ?";
inline constexpr std::string_view kEndOffset =
    "SELECT next_offset FROM event_topics WHERE topic = ?";

inline constexpr std::string_view kCommitted =
    "SELECT next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ?";
// Commits only move forward, so a slow consumer's late commit never rewinds the group.
inline constexpr std::string_view kCommitForward =
    "INSERT INTO consumer_offsets (consumer_group, topic, next_offset) VALUES (?, ?, ?) "
    "ON CONFLICT (consumer_group, topic) DO UPDATE SET next_offset = excluded.next_offset "
    "WHERE consumer_offsets.next_offset < excluded.next_offset";
inline constexpr std::string_view kSeek =
    "INSERT INTO consumer_offsets (consumer_group, topic, next_offset) VALUES (?, ?, ?) "
    "ON CONFLICT (consumer_group, topic) DO UPDATE SET next_offset = excluded.next_offset";

}  // namespace sp::events::sql
