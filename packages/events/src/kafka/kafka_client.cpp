#include "kafka_client.hpp"

#include "strangeprompt/core/log.hpp"

namespace sp::events::kafka {
namespace {

void log_to_sp(const rd_kafka_t*, int level, const char* facility, const char* line) {
  // 3 = error (a broker down, ...); 4 = warning, which includes notes about old broker
  // versions that the mock cluster triggers on every request.
  if (level <= 3) log_warn("events", "kafka client", {{"facility", facility}, {"detail", line}});
}

void error_to_sp(rd_kafka_t*, int err, const char* reason, void*) {
  log_warn(
      "events", "kafka client error",
      {{"error", rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err))}, {"detail", reason}});
}

}  // namespace

Result<Handle> make_handle(rd_kafka_type_t type, const Settings& settings,
                           void (*dr_msg_cb)(rd_kafka_t*, const rd_kafka_message_t*, void*)) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  for (const auto& [name, value] : settings) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error::invalid("events: kafka setting " + name + ": " + errstr);
    }
  }
  rd_kafka_conf_set_log_cb(conf, log_to_sp);
  rd_kafka_conf_set_error_cb(conf, error_to_sp);
  if (dr_msg_cb != nullptr) rd_kafka_conf_set_dr_msg_cb(conf, dr_msg_cb);
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr, sizeof errstr);  // owns conf on success
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error{ErrorCode::kInvalidArgument, "events: cannot create a kafka client", errstr};
  }
  return Handle(rk);
}

Error kafka_error(rd_kafka_resp_err_t err, std::string_view what) {
  std::string detail =
      std::string(what) + ": " + rd_kafka_err2name(err) + " (" + rd_kafka_err2str(err) + ")";
  switch (err) {
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION: {
      Error e = Error::unavailable("events: kafka is unavailable");
      e.internal = std::move(detail);
      return e;
    }
    default:
      return Error{ErrorCode::kInternal, "internal error", std::move(detail)};
  }
}

bool is_unknown_topic(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
         err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION;
}

PartitionsPtr partition_zero(const std::string& topic, int64_t offset) {
  PartitionsPtr list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), 0)->offset = offset;
  return list;
}

Result<EventPtr> wait_admin_result(rd_kafka_queue_t* queue, int timeout_ms, std::string_view what) {
  EventPtr event(rd_kafka_queue_poll(queue, timeout_ms));
  if (!event) return kafka_error(RD_KAFKA_RESP_ERR__TIMED_OUT, what);
  if (rd_kafka_resp_err_t err = rd_kafka_event_error(event.get());
      err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    Error e = kafka_error(err, what);
    e.internal += std::string(": ") + rd_kafka_event_error_string(event.get());
    return e;
  }
  return event;
}

}  // namespace sp::events::kafka
