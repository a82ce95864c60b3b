#include "strangeprompt/events/consumer.hpp"

#include <algorithm>
#include <exception>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::events {

bool is_versioned_group(std::string_view group) {
  const auto pos = group.rfind(".v");
  if (pos == std::string_view::npos || pos == 0 || pos + 2 >= group.size()) return false;
  return std::all_of(group.begin() + static_cast<std::ptrdiff_t>(pos) + 2, group.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

ConsumerRunner::ConsumerRunner(EventLog& log, ConsumerOptions options, Handler handler)
    : log_(log),
      options_(std::move(options)),
      handler_(std::move(handler)),
      task_("consumer " + options_.group, std::chrono::milliseconds::zero(), [this] { pass(); }) {}

ConsumerRunner::~ConsumerRunner() {
  stop();
}

Status ConsumerRunner::start() {
  if (!is_versioned_group(options_.group)) {
    return Error::invalid("consumer group needs a version suffix like '.v1'");
  }
  if (!is_valid_topic(options_.topic)) return Error::invalid("invalid topic name");
  task_.start();
  return ok_status();
}

void ConsumerRunner::stop() {
  task_.stop();
}

Result<int64_t> ConsumerRunner::lag() const {
  SP_ASSIGN_OR_RETURN(int64_t end, log_.end_offset(options_.topic));
  SP_ASSIGN_OR_RETURN(int64_t committed, log_.committed(options_.group, options_.topic));
  return std::max<int64_t>(0, end - committed);
}

void ConsumerRunner::pass() {
  auto records = log_.poll(options_.group, options_.topic, options_.batch, options_.poll_wait);
  if (!records.ok()) {
    log_warn("events", "consumer poll failed",
             {{"group", options_.group},
              {"error", records.error().message},
              {"detail", records.error().internal}});
    task_.sleep_for(options_.initial_backoff);
    return;
  }
  // One commit per polled batch, not per record: on Kafka a commit is a broker round trip and on
  // SQL a write transaction. Progress is also committed before a failing record's first backoff
  // and when stopping, so a restart redelivers at most the record in hand.
  int64_t handled_up_to = kNothingToCommit;
  for (const Record& record : *records) {
    if (!handle_until_done(record, handled_up_to)) break;
    handled_up_to = record.offset + 1;
  }
  commit(handled_up_to);
}

void ConsumerRunner::commit(int64_t& next_offset) {
  if (next_offset == kNothingToCommit) return;
  // A failed commit only means redelivery; the next successful commit covers these records.
  if (Status c = log_.commit(options_.group, options_.topic, next_offset); !c.ok()) {
    log_warn(
        "events", "consumer commit failed",
        {{"group", options_.group}, {"error", c.error().message}, {"detail", c.error().internal}});
  }
  next_offset = kNothingToCommit;
}

Status ConsumerRunner::call_handler(const Record& record) {
  try {
    return handler_(record);
  } catch (const std::exception& e) {
    return Error::internal_error(std::string("handler threw: ") + e.what());
  } catch (...) {
    return Error::internal_error("handler threw a non-standard exception");
  }
}

bool ConsumerRunner::handle_until_done(const Record& record, int64_t& handled_up_to) {
  auto backoff = options_.initial_backoff;
  for (;;) {
    Status handled = call_handler(record);
    if (handled.ok()) return true;
    log_warn("events", "consumer handler failed; retrying",
             {{"group", options_.group},
              {"topic", options_.topic},
              {"offset", record.offset},
              {"error", handled.error().message},
              {"detail", handled.error().internal},
              {"backoff_ms", static_cast<int64_t>(backoff.count())}});
    commit(handled_up_to);  // the records before this one are done, however long it fails
    if (!task_.sleep_for(backoff)) return false;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

}  // namespace sp::events
