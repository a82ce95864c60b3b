#include "logic/event_intake.hpp"

#include <boost/json.hpp>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/rfc3339.hpp"
#include "strangeprompt/service/consumed_event.hpp"

namespace sp::analytics {
namespace {

namespace json = boost::json;

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
  log_warn("analytics", "skipping an event",
           {{"topic", record.topic},
            {"offset", std::to_string(record.offset)},
            {"reason", std::string(why)}});
  return ok_status();
}

}  // namespace

// One parse of the payload (the hot path: Envelope::parse would parse it twice).
std::optional<ViewBatch> parse_view_batch(const events::Record& record) {
  json::error_code ec;
  json::value root = json::parse(record.payload, ec);
  if (ec || !root.is_object()) return std::nullopt;
  const json::object& envelope = root.get_object();
  auto event_id = text(envelope, "id");
  const json::value* data_value = envelope.if_contains("data");
  if (!event_id || event_id->empty() || data_value == nullptr || !data_value->is_object()) {
    return std::nullopt;
  }
  const json::object& data = data_value->get_object();
  ViewBatch batch;
  batch.event_id = std::move(*event_id);
  batch.address = text(data, "address").value_or("");
  auto at = text(data, "at");
  auto occurred = text(envelope, "occurredAt");
  batch.at_ms = parse_rfc3339_ms(at.value_or(occurred.value_or(""))).value_or(record.timestamp_ms);
  const json::value* views = data.if_contains("views");
  if (views == nullptr || !views->is_array()) return std::nullopt;
  batch.views.reserve(views->get_array().size());
  for (const json::value& v : views->get_array()) {
    if (!v.is_object()) return std::nullopt;
    auto post = id(v.get_object(), "postId");
    const json::value* viewer = v.get_object().if_contains("viewer");
    if (!post || viewer == nullptr || !viewer->is_string() || viewer->get_string().size() < 3) {
      return std::nullopt;
    }
    batch.views.emplace_back(*post, std::string(viewer->get_string()));
  }
  return batch;
}

Status take_view_batch(Counting& counting, const events::Record& record) {
  auto batch = parse_view_batch(record);
  if (!batch) return skip(record, "not a view batch");
  return counting.on_view_batch(*batch);
}

Status take_like(Counting& counting, const events::Record& record) {
  auto event = service::read_event("analytics", record);
  if (!event) return ok_status();
  const int64_t post = event->data.required_id("postId");
  const int64_t author = event->data.required_id("authorId");
  const bool liked = event->data.required_bool("liked");
  if (!service::valid("analytics", record, event->data)) return ok_status();
  return counting.on_like(event->id, post, author, liked, event->occurred_at_ms);
}

Status take_comment(Counting& counting, const events::Record& record) {
  auto event = service::read_event("analytics", record);
  if (!event) return ok_status();
  const int64_t post = event->data.required_id("postId");
  const int64_t author = event->data.required_id("postAuthorId");
  if (!service::valid("analytics", record, event->data)) return ok_status();
  return counting.on_comment(event->id, post, author, event->occurred_at_ms);
}

Status take_post_published(Counting& counting, const events::Record& record) {
  auto event = service::read_event("analytics", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  PostMeta meta{.post_id = d.required_id("postId"),
                .author_id = d.required_id("authorId"),
                .title = d.optional_string("title").value_or(""),
                .tags = d.optional_string_list("tags", {.item = {.min_chars = 1}}),
                .model = d.optional_string("model"),
                .published_at_ms = event->occurred_at_ms};
  if (!service::valid("analytics", record, d)) return ok_status();
  return counting.on_published(event->id, meta);
}

Status take_user_deleted(Counting& counting, const events::Record& record) {
  auto event = service::read_event("analytics", record);
  if (!event) return ok_status();
  const int64_t user = event->data.required_id("userId");
  if (!service::valid("analytics", record, event->data)) return ok_status();
  return counting.on_user_deleted(event->id, user);
}

}  // namespace sp::analytics
