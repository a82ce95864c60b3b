#pragma once
// The EventLog on Kafka (librdkafka). One topic per event type, named topic_prefix + type, and
// one partition used per topic (partition 0), so a record's offset is its Kafka offset and the
// per-topic order the consumers rely on holds. The idempotent producer (acks=all) writes without
// transactions, so offsets stay dense. Committed offsets are the consumer group's committed
// offsets in Kafka's group coordinator (OffsetCommit / OffsetFetch). See docs/architecture.md.
#include <memory>

#include "strangeprompt/events/event_log.hpp"

namespace sp::events::kafka {

// Connects to options.kafka_brokers; kInvalidArgument for a missing broker list or a bad prefix,
// kUnavailable when no broker answers within the connect timeout.
Result<std::unique_ptr<EventLog>> open_kafka_event_log(const EventLogOptions& options,
                                                       const Clock& clock);

}  // namespace sp::events::kafka
