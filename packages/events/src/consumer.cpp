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
    : log_(log), options_(std::move(options)), handler_(std::move(handler)) {}

ConsumerRunner::~ConsumerRunner() {
  stop();
}

Status ConsumerRunner::start() {
  if (!is_versioned_group(options_.group)) {
    return Error::invalid("consumer group needs a version suffix like '.v1'");
  }
  if (!is_valid_topic(options_.topic)) return Error::invalid("invalid topic name");
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return ok_status();
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
  return ok_status();
}

void ConsumerRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ConsumerRunner::sleep_unless_stopped(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !wake_.wait_for(lock, d, [this] { return stopping_; });
}

void ConsumerRunner::run() {
  while (sleep_unless_stopped(std::chrono::milliseconds(0))) {
    auto records = log_.poll(options_.group, options_.topic, options_.batch, options_.poll_wait);
    if (!records.ok()) {
      log_warn("events", "consumer poll failed",
               {{"group", options_.group}, {"error", records.error().internal}});
      if (!sleep_unless_stopped(options_.initial_backoff)) return;
      continue;
    }
    for (const Record& record : *records) {
      if (!handle_until_done(record)) return;
    }
  }
}

bool ConsumerRunner::handle_until_done(const Record& record) {
  auto backoff = options_.initial_backoff;
  for (;;) {
    Status handled = Error::internal_error("handler threw");
    try {
      handled = handler_(record);
    } catch (const std::exception& e) {
      handled = Error::internal_error(std::string("handler threw: ") + e.what());
    }
    if (handled.ok()) {
      // A failed commit only means redelivery; the next successful commit covers this record.
      if (Status c = log_.commit(options_.group, options_.topic, record.offset + 1); !c.ok()) {
        log_warn("events", "consumer commit failed",
                 {{"group", options_.group}, {"error", c.error().internal}});
      }
      return true;
    }
    log_warn("events", "consumer handler failed; retrying",
             {{"group", options_.group},
              {"topic", options_.topic},
              {"offset", record.offset},
              {"error", handled.error().message},
              {"detail", handled.error().internal},
              {"backoff_ms", static_cast<int64_t>(backoff.count())}});
    if (!sleep_unless_stopped(backoff)) return false;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

}  // namespace sp::events
