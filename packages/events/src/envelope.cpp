#include "strangeprompt/events/envelope.hpp"

#include <boost/json.hpp>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/rfc3339.hpp"

namespace sp::events {
namespace json = boost::json;
namespace {

Result<json::object> parse_object(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::invalid(std::string(what) + " must be a JSON object");
  return std::move(v.as_object());
}

// Reads one required string member, recording a field error when it is missing or not a string.
std::string take_string(const json::object& o, std::string_view name,
                        std::vector<FieldError>& errs) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_string()) {
    errs.push_back({std::string(name), "required string"});
    return {};
  }
  return std::string(v->get_string());
}

}  // namespace

bool is_valid_topic(std::string_view topic) {
  bool segment_start = true;
  for (char c : topic) {
    if (c == '.') {
      if (segment_start) return false;
      segment_start = true;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    segment_start = false;
  }
  return !segment_start;
}

Result<std::string> Envelope::to_json() const {
  if (id.empty() || !is_valid_topic(type) || version < 1 || occurred_at_ms < 0) {
    return Error::invalid("envelope needs an id, a valid type, a version >= 1 and a time");
  }
  SP_ASSIGN_OR_RETURN(json::object data, parse_object(data_json, "data"));
  json::object o;
  o["id"] = id;
  o["type"] = type;
  o["version"] = version;
  o["occurredAt"] = format_rfc3339_ms(occurred_at_ms);
  o["key"] = key;
  o["data"] = std::move(data);
  return json::serialize(o);
}

Result<Envelope> Envelope::parse(std::string_view text) {
  SP_ASSIGN_OR_RETURN(json::object o, parse_object(text, "envelope"));
  std::vector<FieldError> errs;
  Envelope e;
  e.id = take_string(o, "id", errs);
  if (e.id.empty() && errs.empty()) errs.push_back({"id", "must not be empty"});
  const std::size_t before_type = errs.size();
  e.type = take_string(o, "type", errs);
  if (errs.size() == before_type && !is_valid_topic(e.type)) {
    errs.push_back({"type", "not a topic name"});
  }
  const json::value* version = o.if_contains("version");
  if (version == nullptr || !version->is_int64() || version->get_int64() < 1 ||
      version->get_int64() > 1'000'000) {
    errs.push_back({"version", "required integer >= 1"});
  } else {
    e.version = static_cast<int>(version->get_int64());
  }
  const std::size_t before_time = errs.size();
  const std::string occurred = take_string(o, "occurredAt", errs);
  if (errs.size() == before_time) {
    auto ms = parse_rfc3339_ms(occurred);
    if (!ms) errs.push_back({"occurredAt", "not an RFC 3339 date-time"});
    e.occurred_at_ms = ms.value_or(0);
  }
  e.key = take_string(o, "key", errs);
  const json::value* data = o.if_contains("data");
  if (data == nullptr || !data->is_object()) {
    errs.push_back({"data", "required object"});
  } else {
    e.data_json = json::serialize(*data);
  }
  if (!errs.empty()) {
    Error err = Error::invalid("invalid event envelope");
    err.fields = std::move(errs);
    return err;
  }
  return e;
}

}  // namespace sp::events
