#include "logic/event_intake.hpp"

#include <boost/json.hpp>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::profile {
namespace {

namespace json = boost::json;

// The envelope's data as an object; nullopt (logged) when the record is malformed.
std::optional<json::object> data_of(const events::Record& record, events::Envelope* envelope) {
  Result<events::Envelope> parsed = events::Envelope::parse(record.payload);
  json::error_code ec;
  json::value data = parsed.ok() ? json::parse(parsed->data_json, ec) : json::value();
  if (!parsed.ok() || ec || !data.is_object()) {
    log_warn("profile", "skipping a malformed event",
             {{"topic", record.topic}, {"offset", std::to_string(record.offset)}});
    return std::nullopt;
  }
  *envelope = std::move(*parsed);
  return std::move(data.get_object());
}

std::optional<std::string> text(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<int64_t> id(const json::object& o, std::string_view name) {
  auto t = text(o, name);
  return t ? parse_id(*t) : std::nullopt;
}

Status skip(const events::Record& record, std::string_view why) {
  log_warn("profile", "skipping an event",
           {{"topic", record.topic},
            {"offset", std::to_string(record.offset)},
            {"reason", std::string(why)}});
  return ok_status();
}

}  // namespace

Status take_signup(ProfileDirectory& profiles, const events::Record& record) {
  events::Envelope envelope;
  auto data = data_of(record, &envelope);
  if (!data) return ok_status();
  auto user = id(*data, "userId");
  auto handle = text(*data, "handle");
  if (!user || !handle || handle->empty()) return skip(record, "no userId or handle");
  return profiles.on_signup(*user, *handle, envelope.occurred_at_ms);
}

Status take_user_deleted(ProfileDirectory& profiles, const events::Record& record) {
  events::Envelope envelope;
  auto data = data_of(record, &envelope);
  if (!data) return ok_status();
  auto user = id(*data, "userId");
  if (!user) return skip(record, "no userId");
  return profiles.on_user_deleted(*user, envelope.occurred_at_ms);
}

Status take_post_published(ProfileDirectory& profiles, const events::Record& record) {
  events::Envelope envelope;
  auto data = data_of(record, &envelope);
  if (!data) return ok_status();
  auto post = id(*data, "postId");
  auto author = id(*data, "authorId");
  if (!post || !author) return skip(record, "no postId or authorId");
  return profiles.on_post_published(*post, *author);
}

}  // namespace sp::profile
