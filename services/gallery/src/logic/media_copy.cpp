#include "logic/media_copy.hpp"

#include "store/media_items.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/service/consumed_event.hpp"

namespace sp::gallery {

std::string_view served_media_status(std::string_view status, std::string_view moderation) {
  if (status != "ready") return "failed";
  if (moderation == "rejected") return "rejected";
  if (moderation == "needs_review") return "pending";
  return "ready";  // approved, or a producer that predates moderation
}

Status MediaCopy::on_processed(const events::Record& record) {
  auto event = service::read_event("gallery", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  MediaItem item;
  item.id = d.required_id("mediaId");
  item.owner_id = d.required_id("ownerId");
  const std::string status = d.required_enum<std::string>(
      "status", {{"ready", std::string("ready")}, {"failed", std::string("failed")}});
  const std::string moderation =
      d.optional_enum<std::string>("moderation", {{"approved", std::string("approved")},
                                                  {"needs_review", std::string("needs_review")},
                                                  {"rejected", std::string("rejected")}})
          .value_or("approved");
  item.width = d.optional_int("width", {.min = 1, .max = 1'000'000});
  item.height = d.optional_int("height", {.min = 1, .max = 1'000'000});
  item.blurhash = d.optional_string("blurhash", {.max_chars = 200});
  item.dominant_color = d.optional_string("dominantColor", {.max_chars = 7});
  d.optional_string("failureReason", {.max_chars = 10'000});
  JsonWriter variants;
  variants.begin_array();
  for (http::JsonFields v : d.object_list("variants", {.max_items = 32})) {
    v.optional_string("name");
    const std::string url = v.required_string("key", {.max_chars = 2048});
    const int64_t width = v.required_int("width", {.min = 1, .max = 1'000'000});
    const int64_t height = v.required_int("height", {.min = 1, .max = 1'000'000});
    const std::string type = v.required_string("contentType", {.max_chars = 100});
    variants.begin_object().key("width").integer(width).key("height").integer(height);
    variants.key("url").string(url).key("contentType").string(type).end_object();
  }
  variants.end_array();
  if (!service::valid("gallery", record, d)) return ok_status();
  item.status = std::string(served_media_status(status, moderation));
  item.variants_json = item.status == "ready" ? std::move(variants).take() : "[]";
  item.updated_at_ms = event->occurred_at_ms;
  return upsert_media_item(ctx_.store.database(), item);
}

}  // namespace sp::gallery
