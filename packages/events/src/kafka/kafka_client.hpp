#pragma once
// Small RAII and error helpers over librdkafka's C API, private to the Kafka adapter.
#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::events::kafka {

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const noexcept { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const noexcept { rd_kafka_event_destroy(e); }
};
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;

struct PartitionsDeleter {
  void operator()(rd_kafka_topic_partition_list_t* p) const noexcept {
    rd_kafka_topic_partition_list_destroy(p);
  }
};
using PartitionsPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionsDeleter>;

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const noexcept { rd_kafka_message_destroy(m); }
};
using MessagePtr = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

using Settings = std::vector<std::pair<std::string, std::string>>;

// A client handle with `settings`; librdkafka's log lines go to sp's logger (warnings and up).
// `dr_msg_cb` (producers) is set when given.
Result<Handle> make_handle(rd_kafka_type_t type, const Settings& settings,
                           void (*dr_msg_cb)(rd_kafka_t*, const rd_kafka_message_t*,
                                             void*) = nullptr);

// An engine error as an sp Error: transport failures and timeouts are kUnavailable, the rest
// kInternal; `what` names the operation, librdkafka's text goes to Error::internal.
Error kafka_error(rd_kafka_resp_err_t err, std::string_view what);

// Whether `err` says the topic (or its partition) does not exist.
bool is_unknown_topic(rd_kafka_resp_err_t err);

// A single-partition list holding (topic, partition 0, offset).
PartitionsPtr partition_zero(const std::string& topic, int64_t offset);

// Waits for an Admin API result on `queue`; its request-level error becomes an Error.
Result<EventPtr> wait_admin_result(rd_kafka_queue_t* queue, int timeout_ms, std::string_view what);

// Runs one Admin API request: `issue(options, queue)` sends it; returns the result event.

template <typename Issue>
Result<EventPtr> admin_request(rd_kafka_t* rk, rd_kafka_admin_op_t op, int timeout_ms,
                               Issue&& issue) {
  std::unique_ptr<rd_kafka_queue_t, void (*)(rd_kafka_queue_t*)> queue(rd_kafka_queue_new(rk),
                                                                       rd_kafka_queue_destroy);
  std::unique_ptr<rd_kafka_AdminOptions_t, void (*)(rd_kafka_AdminOptions_t*)> options(
      rd_kafka_AdminOptions_new(rk, op), rd_kafka_AdminOptions_destroy);
  char errstr[256];
  rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout_ms, errstr, sizeof errstr);
  issue(options.get(), queue.get());
  return wait_admin_result(queue.get(), timeout_ms + 5000, "kafka admin request");
}

}  // namespace sp::events::kafka
