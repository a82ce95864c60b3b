#include "kafka_event_log.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "kafka_client.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::events::kafka {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr int kRequestTimeoutMs = 10'000;
constexpr int kDeliveryTimeoutMs = 30'000;  // message.timeout.ms: retries end there
// How long a broker holds an empty fetch. librdkafka's mock answers an empty fetch only after
// this wait (it is not woken by a produce), so it bounds a waiting poll's added latency there.
constexpr const char* kFetchWaitMs = "100";
// A poll on a topic that does not exist yet rechecks this often (appends in this process wake it).
constexpr auto kMissingTopicRecheck = 250ms;

// One produce in flight: the delivery report fills it in, append() waits for it.
struct Delivery {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  int64_t offset = -1;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  auto* holder = static_cast<std::shared_ptr<Delivery>*>(message->_private);
  if (holder == nullptr) return;
  {
    std::lock_guard lock((*holder)->mu);
    (*holder)->done = true;
    (*holder)->err = message->err;
    (*holder)->offset = message->offset;
  }
  (*holder)->cv.notify_all();
  delete holder;
}

// A consumer handle reading partition 0 of one topic; `next` is the offset the next message in
// its queue has (its fetch position), so a caller continuing from there skips a reassignment.
struct Reader {
  std::mutex mu;
  Handle rk;
  std::string topic;  // the assigned Kafka topic; empty when unassigned
  int64_t next = -1;
};

struct Watermark {
  bool exists = false;
  int64_t high = 0;
};

bool valid_prefix(std::string_view prefix) {
  return prefix.size() < 100 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
         });
}

class KafkaEventLog final : public EventLog {
 public:
  KafkaEventLog(EventLogOptions options, const Clock& clock, Handle producer, Handle meta,
                int replication, bool can_create_topics)
      : options_(std::move(options)),
        clock_(clock),
        producer_(std::move(producer)),
        meta_(std::move(meta)),
        replication_(replication),
        create_unsupported_(!can_create_topics),
        poller_([this] {
          while (!stopping_.load()) rd_kafka_poll(producer_.get(), 100);
        }) {}

  ~KafkaEventLog() override {
    stopping_ = true;
    poller_.join();
    rd_kafka_flush(producer_.get(), 5000);
    rd_kafka_purge(producer_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(producer_.get(), 0);  // delivery reports of purged messages free their state
    std::lock_guard lock(mu_);
    for (auto& [key, reader] : readers_) {
      if (reader->rk) rd_kafka_consumer_close(reader->rk.get());
    }
  }

  Result<int64_t> append(std::string_view topic, std::string_view key,
                         std::string_view payload) override {
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    const std::string name = kafka_topic(topic);
    SP_TRY(ensure_topic(name));
    auto delivery = std::make_shared<Delivery>();
    auto* holder = new std::shared_ptr<Delivery>(delivery);
    rd_kafka_vu_t fields[7];
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = name.c_str();
    fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
    fields[1].u.i32 = 0;
    fields[2].vtype = RD_KAFKA_VTYPE_KEY;
    fields[2].u.mem = {const_cast<char*>(key.data()), key.size()};
    fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[3].u.mem = {const_cast<char*>(payload.data()), payload.size()};
    fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[4].u.i = RD_KAFKA_MSG_F_COPY;
    fields[5].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
    fields[5].u.i64 = clock_.now_ms();
    fields[6].vtype = RD_KAFKA_VTYPE_OPAQUE;
    fields[6].u.ptr = holder;
    rd_kafka_resp_err_t err;
    for (;;) {
      rd_kafka_error_t* error = rd_kafka_produceva(producer_.get(), fields, std::size(fields));
      err = error != nullptr ? rd_kafka_error_code(error) : RD_KAFKA_RESP_ERR_NO_ERROR;
      if (error != nullptr) rd_kafka_error_destroy(error);
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
      rd_kafka_poll(producer_.get(), 10);  // serves delivery reports, which frees the queue
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      delete holder;
      return kafka_error(err, "produce to " + name);
    }
    std::unique_lock lock(delivery->mu);
    if (!delivery->cv.wait_for(lock, std::chrono::milliseconds(kDeliveryTimeoutMs + 5000),
                               [&] { return delivery->done; })) {
      return kafka_error(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, "produce to " + name);
    }
    if (delivery->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return kafka_error(delivery->err, "produce to " + name);
    }
    const int64_t offset = delivery->offset;
    lock.unlock();
    {
      std::lock_guard guard(mu_);
      int64_t& end = known_end_[name];
      end = std::max(end, offset + 1);
      ++appends_;
    }
    appended_.notify_all();
    return offset;
  }

  Result<std::vector<Record>> read(std::string_view topic, int64_t from_offset,
                                   std::size_t max) override {
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    if (from_offset < 0) return Error::invalid("offset must be >= 0");
    const std::string name = kafka_topic(topic);
    SP_ASSIGN_OR_RETURN(Watermark mark, watermark(name));
    const int64_t to = std::min<int64_t>(mark.high, from_offset + static_cast<int64_t>(max));
    if (to <= from_offset) return std::vector<Record>{};
    Reader& reader = reader_for("", name);
    std::lock_guard lock(reader.mu);
    return read_range(reader, topic, name, from_offset, to);
  }

  Result<std::vector<Record>> poll(std::string_view group, std::string_view topic, std::size_t max,
                                   std::chrono::milliseconds wait) override {
    if (group.empty()) return Error::invalid("consumer group must not be empty");
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    if (max == 0) return std::vector<Record>{};
    const std::string name = kafka_topic(topic);
    const auto deadline = SteadyClock::now() + wait;
    for (;;) {
      uint64_t seen;
      {
        std::lock_guard lock(mu_);
        seen = appends_;
      }
      SP_ASSIGN_OR_RETURN(int64_t from, committed(group, topic));
      SP_ASSIGN_OR_RETURN(Watermark mark, watermark(name));
      Reader& reader = reader_for(group, name);
      if (mark.high > from) {
        std::lock_guard lock(reader.mu);
        return read_range(reader, topic, name, from,
                          std::min<int64_t>(mark.high, from + static_cast<int64_t>(max)));
      }
      if (SteadyClock::now() >= deadline) return std::vector<Record>{};
      if (mark.exists) {
        std::lock_guard lock(reader.mu);
        return wait_for_records(reader, topic, name, from, max, deadline);
      }
      // No such topic yet: wait for an append here, or recheck (another process may create it).
      std::unique_lock lock(mu_);
      appended_.wait_until(lock, std::min(deadline, SteadyClock::now() + kMissingTopicRecheck),
                           [&] { return appends_ != seen; });
    }
  }

  Status commit(std::string_view group, std::string_view topic, int64_t next_offset) override {
    if (group.empty()) return Error::invalid("consumer group must not be empty");
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    if (next_offset < 0) return Error::invalid("offset must be >= 0");
    SP_TRY(check_within_end(kafka_topic(topic), next_offset));
    SP_ASSIGN_OR_RETURN(int64_t current, committed(group, topic));
    if (next_offset <= current) return ok_status();  // never backwards
    return store_offset(group, kafka_topic(topic), next_offset);
  }

  Result<int64_t> committed(std::string_view group, std::string_view topic) override {
    if (group.empty()) return Error::invalid("consumer group must not be empty");
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    const std::string name = kafka_topic(topic);
    const std::string group_id(group);
    auto partitions = partition_zero(name, RD_KAFKA_OFFSET_INVALID);
    SP_ASSIGN_OR_RETURN(
        EventPtr event,
        admin_request(meta_.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, kRequestTimeoutMs,
                      [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                        rd_kafka_ListConsumerGroupOffsets_t* request =
                            rd_kafka_ListConsumerGroupOffsets_new(group_id.c_str(),
                                                                  partitions.get());
                        rd_kafka_ListConsumerGroupOffsets(meta_.get(), &request, 1, options, queue);
                        rd_kafka_ListConsumerGroupOffsets_destroy(request);
                      }));
    size_t count = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
    SP_ASSIGN_OR_RETURN(const rd_kafka_topic_partition_t* p,
                        group_partition(groups, count, "offset fetch"));
    if (p == nullptr || p->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (p != nullptr && !is_unknown_topic(p->err)) return kafka_error(p->err, "offset fetch");
      return int64_t{0};
    }
    return std::max<int64_t>(0, p->offset);  // OFFSET_INVALID (-1001) = never committed
  }

  Status seek(std::string_view group, std::string_view topic, int64_t offset) override {
    if (group.empty()) return Error::invalid("consumer group must not be empty");
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    if (offset < 0) return Error::invalid("offset must be >= 0");
    SP_TRY(check_within_end(kafka_topic(topic), offset));
    return store_offset(group, kafka_topic(topic), offset);
  }

  Result<int64_t> end_offset(std::string_view topic) override {
    if (!is_valid_topic(topic)) return Error::invalid("invalid topic name");
    SP_ASSIGN_OR_RETURN(Watermark mark, watermark(kafka_topic(topic)));
    return mark.high;
  }

  Status ping() override {
    const rd_kafka_metadata_t* metadata = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(meta_.get(), 0, nullptr, &metadata, 5000);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return kafka_error(err, "metadata");
    const int brokers = metadata->broker_cnt;
    rd_kafka_metadata_destroy(metadata);
    if (brokers == 0) return Error::unavailable("events: kafka reports no brokers");
    return ok_status();
  }

 private:
  std::string kafka_topic(std::string_view topic) const {
    return options_.kafka_topic_prefix + std::string(topic);
  }

  // Creates the topic with one partition once per process. A cluster without CreateTopics
  // (librdkafka's mock cluster: no controller) auto-creates it on the first produce instead, with
  // its default partition count; only partition 0 is ever written or read.
  Status ensure_topic(const std::string& name) {
    {
      std::lock_guard lock(mu_);
      if (create_unsupported_ || ensured_.contains(name)) return ok_status();
    }
    char errstr[256];
    rd_kafka_NewTopic_t* new_topic =
        rd_kafka_NewTopic_new(name.c_str(), 1, replication_, errstr, sizeof errstr);
    if (new_topic == nullptr) return Error::invalid(std::string("events: topic: ") + errstr);
    auto event =
        admin_request(producer_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS, kRequestTimeoutMs,
                      [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
                        rd_kafka_AdminOptions_set_operation_timeout(options, kRequestTimeoutMs,
                                                                    errstr, sizeof errstr);
                        rd_kafka_CreateTopics(producer_.get(), &new_topic, 1, options, queue);
                      });
    rd_kafka_NewTopic_destroy(new_topic);
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (!event.ok()) {
      // kInternal from an unsupported API; transport errors stay errors.
      if (event.error().code == ErrorCode::kUnavailable) return event.error();
      err = RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE;
    } else {
      size_t count = 0;
      const rd_kafka_topic_result_t** topics = rd_kafka_CreateTopics_result_topics(
          rd_kafka_event_CreateTopics_result(event->get()), &count);
      if (count == 1) err = rd_kafka_topic_result_error(topics[0]);
    }
    std::lock_guard lock(mu_);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      ensured_.insert(name);
      return ok_status();
    }
    if (err == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE ||
        err == RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION) {
      if (!create_unsupported_) {
        log_info("events", "kafka: brokers do not support CreateTopics; topics are auto-created",
                 {{"topic", name}});
      }
      create_unsupported_ = true;
      return ok_status();
    }
    return kafka_error(err, "create topic " + name);
  }

  // Partition 0's high watermark; a missing topic has none (exists = false, high = 0).
  Result<Watermark> watermark(const std::string& name) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(meta_.get(), name.c_str(), 0, &low,
                                                               &high, kRequestTimeoutMs);
    if (is_unknown_topic(err)) return Watermark{};
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return kafka_error(err, "list offsets of " + name);
    std::lock_guard lock(mu_);
    int64_t& end = known_end_[name];
    end = std::max(end, high);
    return Watermark{true, high};
  }

  Status check_within_end(const std::string& name, int64_t offset) {
    {
      std::lock_guard lock(mu_);
      auto it = known_end_.find(name);
      if (it != known_end_.end() && offset <= it->second) return ok_status();
    }
    SP_ASSIGN_OR_RETURN(Watermark mark, watermark(name));
    if (offset > mark.high) return Error::invalid("offset is beyond the end of the topic");
    return ok_status();
  }

  // Sets the group's committed offset of partition 0 (OffsetCommit outside group membership, as
  // a standalone consumer does). The broker refuses it while the group has live members.
  Status store_offset(std::string_view group, const std::string& name, int64_t offset) {
    const std::string group_id(group);
    auto partitions = partition_zero(name, offset);
    SP_ASSIGN_OR_RETURN(
        EventPtr event,
        admin_request(
            meta_.get(), RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, kRequestTimeoutMs,
            [&](rd_kafka_AdminOptions_t* options, rd_kafka_queue_t* queue) {
              rd_kafka_AlterConsumerGroupOffsets_t* request =
                  rd_kafka_AlterConsumerGroupOffsets_new(group_id.c_str(), partitions.get());
              rd_kafka_AlterConsumerGroupOffsets(meta_.get(), &request, 1, options, queue);
              rd_kafka_AlterConsumerGroupOffsets_destroy(request);
            }));
    size_t count = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event.get()), &count);
    SP_ASSIGN_OR_RETURN(const rd_kafka_topic_partition_t* p,
                        group_partition(groups, count, "offset commit"));
    if (p != nullptr && p->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return kafka_error(p->err, "offset commit");
    }
    return ok_status();
  }

  static Result<const rd_kafka_topic_partition_t*> group_partition(
      const rd_kafka_group_result_t** groups, size_t count, std::string_view what) {
    if (count != 1) return Error::internal_error(std::string(what) + ": no group result");
    if (const rd_kafka_error_t* error = rd_kafka_group_result_error(groups[0])) {
      Error e = kafka_error(rd_kafka_error_code(error), what);
      e.internal += std::string(": ") + rd_kafka_error_string(error);
      return e;
    }
    const rd_kafka_topic_partition_list_t* list = rd_kafka_group_result_partitions(groups[0]);
    if (list == nullptr || list->cnt < 1) return nullptr;
    return &list->elems[0];
  }

  // The reader of (group, topic); a group's polls keep one so consecutive polls continue its
  // fetch position. read() uses the group "".
  Reader& reader_for(std::string_view group, const std::string& name) {
    std::lock_guard lock(mu_);
    auto& slot = readers_[std::string(group) + '\n' + name];
    if (!slot) slot = std::make_unique<Reader>();
    return *slot;
  }

  Status assign(Reader& reader, const std::string& name, int64_t from) {
    if (!reader.rk) {
      SP_ASSIGN_OR_RETURN(reader.rk, make_handle(RD_KAFKA_CONSUMER, reader_settings()));
    }
    if (reader.topic == name && reader.next == from) return ok_status();
    rd_kafka_assign(reader.rk.get(), nullptr);
    reader.topic.clear();
    auto partitions = partition_zero(name, from);
    if (rd_kafka_resp_err_t err = rd_kafka_assign(reader.rk.get(), partitions.get()); err) {
      return kafka_error(err, "assign " + name);
    }
    reader.topic = name;
    reader.next = from;
    return ok_status();
  }

  // Takes one message from the reader's queue: a record, nullopt on timeout, or an error (after
  // which the reader is unassigned, so the next call starts afresh).
  Result<std::optional<Record>> next_message(Reader& reader, std::string_view topic,
                                             int timeout_ms) {
    for (;;) {
      MessagePtr message(rd_kafka_consumer_poll(reader.rk.get(), std::max(0, timeout_ms)));
      if (!message) return std::optional<Record>{};
      if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
        const rd_kafka_resp_err_t err = message->err;
        reader.topic.clear();
        rd_kafka_assign(reader.rk.get(), nullptr);
        if (err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET ||
            err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
          // Below the log start: the broker's retention removed those records.
          return Error{ErrorCode::kNotFound, "events: offset no longer in the log (retention)",
                       rd_kafka_err2str(err)};
        }
        return kafka_error(err, "fetch");
      }
      if (message->rkt == nullptr || reader.topic != rd_kafka_topic_name(message->rkt) ||
          message->partition != 0 || message->offset < reader.next) {
        continue;  // left over from an earlier assignment
      }
      Record record;
      record.topic = std::string(topic);
      record.offset = message->offset;
      if (message->key != nullptr) {
        record.key.assign(static_cast<const char*>(message->key), message->key_len);
      }
      if (message->payload != nullptr) {
        record.payload.assign(static_cast<const char*>(message->payload), message->len);
      }
      rd_kafka_timestamp_type_t type;
      record.timestamp_ms = rd_kafka_message_timestamp(message.get(), &type);
      reader.next = message->offset + 1;
      return std::optional<Record>(std::move(record));
    }
  }

  // Records [from, to), all of which exist (to <= the high watermark).
  Result<std::vector<Record>> read_range(Reader& reader, std::string_view topic,
                                         const std::string& name, int64_t from, int64_t to) {
    SP_TRY(assign(reader, name, from));
    std::vector<Record> out;
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(kRequestTimeoutMs);
    while (reader.next < to) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left.count() <= 0) return kafka_error(RD_KAFKA_RESP_ERR__TIMED_OUT, "fetch " + name);
      SP_ASSIGN_OR_RETURN(auto record, next_message(reader, topic, static_cast<int>(left.count())));
      if (record) out.push_back(std::move(*record));
    }
    return out;
  }

  // Waits until `deadline` for the first record at or after `from`, then takes what else is
  // already fetched, up to `max`.
  Result<std::vector<Record>> wait_for_records(Reader& reader, std::string_view topic,
                                               const std::string& name, int64_t from,
                                               std::size_t max, SteadyClock::time_point deadline) {
    SP_TRY(assign(reader, name, from));
    std::vector<Record> out;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      const int timeout = out.empty() ? static_cast<int>(std::max<int64_t>(0, left.count())) : 0;
      SP_ASSIGN_OR_RETURN(auto record, next_message(reader, topic, timeout));
      if (!record) return out;
      out.push_back(std::move(*record));
      if (out.size() >= max) return out;
    }
  }

  Settings reader_settings() const {
    return {{"bootstrap.servers", options_.kafka_brokers},
            {"client.id", "strangeprompt-reader"},
            // assign() needs a group id; readers never join it nor commit under it (a group's
            // offsets are read and stored through the admin requests).
            {"group.id", "strangeprompt.readers"},
            {"enable.auto.commit", "false"},
            {"enable.auto.offset.store", "false"},
            {"enable.partition.eof", "false"},
            {"allow.auto.create.topics", "false"},
            {"auto.offset.reset", "error"},
            {"fetch.wait.max.ms", kFetchWaitMs},
            {"queued.min.messages", "1000"},
            {"queued.max.messages.kbytes", "8192"},
            {"log_level", "4"}};
  }

  const EventLogOptions options_;
  const Clock& clock_;
  Handle producer_;
  Handle meta_;  // metadata, watermarks and the group offset requests
  const int replication_;

  std::mutex mu_;
  std::condition_variable appended_;
  uint64_t appends_ = 0;  // appends through this log; wakes polls waiting for a missing topic
  std::map<std::string, int64_t> known_end_;  // a lower bound of each topic's end offset
  std::set<std::string> ensured_;
  bool create_unsupported_ = false;
  std::map<std::string, std::unique_ptr<Reader>> readers_;

  std::atomic<bool> stopping_{false};
  std::thread poller_;  // serves the producer's delivery reports
};

}  // namespace

Result<std::unique_ptr<EventLog>> open_kafka_event_log(const EventLogOptions& options,
                                                       const Clock& clock) {
  if (options.kafka_brokers.empty()) return Error::invalid("events: kafka backend needs brokers");
  if (!valid_prefix(options.kafka_topic_prefix)) {
    return Error::invalid("events: kafka topic prefix may hold only [A-Za-z0-9._-]");
  }
  const Settings common = {{"bootstrap.servers", options.kafka_brokers}, {"log_level", "4"}};
  Settings producer_settings = common;
  producer_settings.insert(producer_settings.end(),
                           {{"client.id", "strangeprompt-producer"},
                            {"enable.idempotence", "true"},
                            {"acks", "all"},
                            {"linger.ms", "1"},
                            // A new topic's metadata is asked again this soon (default 250 ms;
                            // the first produce to an auto-created topic waits for it).
                            {"topic.metadata.refresh.fast.interval.ms", "20"},
                            {"message.timeout.ms", std::to_string(kDeliveryTimeoutMs)}});
  SP_ASSIGN_OR_RETURN(Handle producer,
                      make_handle(RD_KAFKA_PRODUCER, producer_settings, on_delivery));
  Settings meta_settings = common;
  meta_settings.insert(meta_settings.end(), {{"client.id", "strangeprompt-admin"},
                                             {"enable.auto.commit", "false"},
                                             {"allow.auto.create.topics", "false"}});
  SP_ASSIGN_OR_RETURN(Handle meta, make_handle(RD_KAFKA_CONSUMER, meta_settings));

  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(meta.get(), 0, nullptr, &metadata, 10'000);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    Error e = kafka_error(err, "metadata from " + options.kafka_brokers);
    e.code = ErrorCode::kUnavailable;
    e.message = "events: no kafka broker answers";
    return e;
  }
  const int replication = std::clamp(metadata->broker_cnt, 1, 3);
  // CreateTopics goes to the controller; a cluster whose controller is none of its brokers
  // (librdkafka's mock cluster names broker 0, which does not exist) cannot create topics that
  // way and auto-creates them on first use instead.
  const int32_t controller = rd_kafka_controllerid(meta.get(), 2000);
  bool can_create = false;
  for (int i = 0; i < metadata->broker_cnt; ++i) {
    if (metadata->brokers[i].id == controller) can_create = true;
  }
  rd_kafka_metadata_destroy(metadata);
  return std::unique_ptr<EventLog>(std::make_unique<KafkaEventLog>(
      options, clock, std::move(producer), std::move(meta), replication, can_create));
}

}  // namespace sp::events::kafka
