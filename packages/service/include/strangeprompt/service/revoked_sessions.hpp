#pragma once
// Sessions that ended while access tokens naming them (their `sid`) may still be unexpired. An
// authenticator refuses such tokens; the set learns of ended sessions from the auth service
// directly (same process: immediate) or from the user.session_ended event (other processes:
// outbox relay interval + consumer poll, about a second).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::events {
class EventLog;
class ConsumerRunner;
}  // namespace sp::events

namespace sp::service {

inline constexpr std::string_view kSessionEndedTopic = "user.session_ended";

// Bounded by time: an entry lives `window` (access-token TTL + verifier leeway) after its session
// ended, since by then every access token of that session has expired anyway. Thread-safe.
class RevokedSessions {
 public:
  RevokedSessions(const Clock& clock, std::chrono::seconds window);

  // Remembers that `session_id` ended at `ended_at_ms` (Unix ms); a no-op once past the window.
  void add(int64_t session_id, int64_t ended_at_ms);
  void add(const std::vector<int64_t>& session_ids, int64_t ended_at_ms);
  bool contains(int64_t session_id) const;
  // Entries not yet expired (expired ones are dropped as a side effect).
  std::size_t size() const;
  std::chrono::seconds window() const { return window_; }
  const Clock& clock() const { return clock_; }

 private:
  void prune_locked(int64_t now_ms) const;  // caller holds mu_

  const Clock& clock_;
  const std::chrono::seconds window_;
  mutable std::mutex mu_;
  mutable std::unordered_map<int64_t, int64_t> expires_at_ms_;  // guarded by mu_
  mutable int64_t next_prune_ms_ = 0;                           // guarded by mu_
};

struct SessionEnded {
  int64_t user_id = 0;
  std::vector<int64_t> session_ids;
  std::string reason;  // "logout", "user_revoked", "password_change", "password_reset", "reuse"
  int64_t at_ms = 0;
};

// Parses the payload of a user.session_ended v1 record (an event envelope); kInvalidArgument for
// anything else.
Result<SessionEnded> parse_session_ended(std::string_view envelope_json);

// Feeds a RevokedSessions from the user.session_ended topic on a consumer thread. Every process
// needs every event, so `group` (versioned, e.g. "gallery.sessions.<host>-<pid>.v1") must be
// unique to the process. start() first moves the group to the oldest record still inside the
// window, so a fresh process learns the recent revocations and skips older history.
class SessionEndFeed {
 public:
  SessionEndFeed(events::EventLog& log, RevokedSessions& revoked, std::string group,
                 std::chrono::milliseconds poll_wait = std::chrono::milliseconds(200));
  ~SessionEndFeed();

  Status start();
  void stop();

 private:
  events::EventLog& log_;
  RevokedSessions& revoked_;
  std::string group_;
  std::unique_ptr<events::ConsumerRunner> runner_;
};

// A consumer group name unique to this process: "<prefix>.<host>-<pid>.v1".
std::string process_group(std::string_view prefix);

}  // namespace sp::service
