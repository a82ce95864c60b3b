#include "strangeprompt/service/consumed_event.hpp"

#include <string>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::service {

std::optional<ConsumedEvent> read_event(std::string_view service, const events::Record& record) {
  auto envelope = events::Envelope::parse(record.payload);
  if (!envelope.ok()) {
    log_warn(service, "skipping a malformed event",
             {{"topic", record.topic}, {"offset", std::to_string(record.offset)}});
    return std::nullopt;
  }
  auto data = http::JsonBody::from_text(envelope->data_json);
  if (!data.ok()) {
    log_warn(service, "skipping an event whose data is not an object",
             {{"topic", record.topic}, {"offset", std::to_string(record.offset)}});
    return std::nullopt;
  }
  return ConsumedEvent{std::move(envelope->id), envelope->occurred_at_ms, std::move(*data),
                       std::move(envelope->data_json)};
}

bool valid(std::string_view service, const events::Record& record, const http::JsonBody& data) {
  const Status status = data.finish();
  if (status.ok()) return true;
  for (const FieldError& f : status.error().fields) {
    if (f.message != "is not a known field") {
      log_warn(service, "skipping an event with invalid data",
               {{"topic", record.topic},
                {"offset", std::to_string(record.offset)},
                {"field", f.field},
                {"problem", f.message}});
      return false;
    }
  }
  return true;
}

}  // namespace sp::service
