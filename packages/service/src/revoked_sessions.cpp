#include "strangeprompt/service/revoked_sessions.hpp"

#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/rfc3339.hpp"
#include "strangeprompt/events/consumer.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::service {
namespace json = boost::json;

RevokedSessions::RevokedSessions(const Clock& clock, std::chrono::seconds window)
    : clock_(clock), window_(window) {}

void RevokedSessions::add(int64_t session_id, int64_t ended_at_ms) {
  add(std::vector<int64_t>{session_id}, ended_at_ms);
}

void RevokedSessions::add(const std::vector<int64_t>& session_ids, int64_t ended_at_ms) {
  const int64_t now = clock_.now_ms();
  const int64_t expires = ended_at_ms + window_.count() * 1000;
  if (expires <= now) return;
  std::lock_guard lock(mu_);
  prune_locked(now);
  for (int64_t id : session_ids) {
    int64_t& slot = expires_at_ms_[id];
    slot = std::max(slot, expires);
  }
}

bool RevokedSessions::contains(int64_t session_id) const {
  const int64_t now = clock_.now_ms();
  std::lock_guard lock(mu_);
  auto it = expires_at_ms_.find(session_id);
  return it != expires_at_ms_.end() && it->second > now;
}

std::size_t RevokedSessions::size() const {
  std::lock_guard lock(mu_);
  next_prune_ms_ = 0;
  prune_locked(clock_.now_ms());
  return expires_at_ms_.size();
}

void RevokedSessions::prune_locked(int64_t now_ms) const {
  if (now_ms < next_prune_ms_) return;  // at most one sweep per second keeps add() cheap
  std::erase_if(expires_at_ms_, [now_ms](const auto& entry) { return entry.second <= now_ms; });
  next_prune_ms_ = now_ms + 1000;
}

Result<SessionEnded> parse_session_ended(std::string_view envelope_json) {
  SP_ASSIGN_OR_RETURN(events::Envelope envelope, events::Envelope::parse(envelope_json));
  if (envelope.type != kSessionEndedTopic || envelope.version != 1) {
    return Error::invalid("not a user.session_ended v1 event");
  }
  json::error_code ec;
  json::value data = json::parse(envelope.data_json, ec);
  const json::object* object = ec ? nullptr : data.if_object();
  if (object == nullptr) return Error::invalid("user.session_ended: data is not an object");
  SessionEnded out;
  const json::value* user = object->if_contains("userId");
  const json::value* ids = object->if_contains("sessionIds");
  const json::value* reason = object->if_contains("reason");
  const json::value* at = object->if_contains("at");
  if (user == nullptr || !user->is_string() || ids == nullptr || !ids->is_array() ||
      at == nullptr || !at->is_string()) {
    return Error::invalid("user.session_ended: userId, sessionIds and at are required");
  }
  const auto user_id = parse_id(user->get_string());
  const auto at_ms = parse_rfc3339_ms(at->get_string());
  if (!user_id || !at_ms) return Error::invalid("user.session_ended: bad userId or at");
  out.user_id = *user_id;
  out.at_ms = *at_ms;
  if (reason != nullptr && reason->is_string()) out.reason = std::string(reason->get_string());
  for (const json::value& id : ids->get_array()) {
    const auto session = id.is_string() ? parse_id(id.get_string()) : std::nullopt;
    if (!session) return Error::invalid("user.session_ended: a session id is not an id");
    out.session_ids.push_back(*session);
  }
  return out;
}

namespace {

// The first offset of `topic` whose record was appended at or after `since_ms` (binary search;
// append times grow with offsets).
Result<int64_t> first_offset_since(events::EventLog& log, std::string_view topic,
                                   int64_t since_ms) {
  int64_t low = 0;
  SP_ASSIGN_OR_RETURN(int64_t high, log.end_offset(topic));
  while (low < high) {
    const int64_t mid = low + (high - low) / 2;
    SP_ASSIGN_OR_RETURN(auto records, log.read(topic, mid, 1));
    if (records.empty() || records[0].timestamp_ms >= since_ms) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return low;
}

}  // namespace

SessionEndFeed::SessionEndFeed(events::EventLog& log, RevokedSessions& revoked, std::string group,
                               std::chrono::milliseconds poll_wait)
    : log_(log), revoked_(revoked), group_(std::move(group)) {
  events::ConsumerOptions options;
  options.group = group_;
  options.topic = std::string(kSessionEndedTopic);
  options.poll_wait = poll_wait;
  runner_ = std::make_unique<events::ConsumerRunner>(
      log_, std::move(options), [this](const events::Record& record) -> Status {
        Result<SessionEnded> ended = parse_session_ended(record.payload);
        if (!ended.ok()) {
          // Retrying cannot fix a malformed record; skipping it only loses an early refusal.
          log_warn("service", "malformed user.session_ended record skipped",
                   {{"offset", record.offset}, {"error", ended.error().message}});
          return ok_status();
        }
        revoked_.add(ended->session_ids, ended->at_ms);
        return ok_status();
      });
}

SessionEndFeed::~SessionEndFeed() {
  stop();
}

Status SessionEndFeed::start() {
  const int64_t since = revoked_.clock().now_ms() - revoked_.window().count() * 1000;
  SP_ASSIGN_OR_RETURN(int64_t from, first_offset_since(log_, kSessionEndedTopic, since));
  SP_TRY(log_.seek(group_, kSessionEndedTopic, from));
  return runner_->start();
}

void SessionEndFeed::stop() {
  if (runner_) runner_->stop();
}

std::string process_group(std::string_view prefix) {
  char host[64] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string name;
  for (const char* c = host; *c != '\0'; ++c) {
    const bool plain = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-';
    name += plain ? *c : (*c >= 'A' && *c <= 'Z' ? static_cast<char>(*c - 'A' + 'a') : '-');
  }
  if (name.empty()) name = "host";
  return std::string(prefix) + "." + name + "-" + std::to_string(::getpid()) + ".v1";
}

}  // namespace sp::service
