#include "logic/media_events.hpp"

#include <boost/json.hpp>

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::media {
namespace {

events::Envelope envelope(const MediaRecord& media, std::string data, int64_t at_ms,
                          std::string id_suffix = ".processed") {
  return events::Envelope{.id = id_to_string(media.id) + id_suffix,
                          .type = std::string(kMediaProcessedTopic),
                          .version = 1,
                          .occurred_at_ms = at_ms,
                          .key = id_to_string(media.id),
                          .data_json = std::move(data)};
}

void common(JsonWriter& w, const MediaRecord& media, std::string_view status) {
  w.key("mediaId").id(media.id);
  w.key("ownerId").id(media.owner_id);
  w.key("status").string(status);
}

bool is_hex_colour(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  for (char ch : c.substr(1)) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  }
  return true;
}

// The data of a ready media: sizes, blurhash, dominant colour, moderation outcome, variants.
std::string ready_data(const MediaRecord& media, const ProcessedRecord& result) {
  JsonWriter w;
  w.begin_object();
  common(w, media, "ready");
  w.key("width").integer(result.width);
  w.key("height").integer(result.height);
  w.key("blurhash").string(result.blurhash);
  if (is_hex_colour(result.dominant_color)) {
    w.key("dominantColor").string(result.dominant_color);
  }
  if (!result.moderation_outcome.empty()) {
    w.key("moderation").string(result.moderation_outcome);
  }
  w.key("variants").begin_array();
  boost::json::error_code ec;
  boost::json::value variants = boost::json::parse(result.variants_json, ec);
  if (!ec && variants.is_array()) {
    for (const auto& v : variants.as_array()) {
      const auto& o = v.as_object();
      const int64_t width = o.at("width").as_int64();
      const std::string format(o.at("format").as_string());
      w.begin_object();
      // "w512" for WebP (as before AVIF existed), "w512-avif" for its AVIF twin.
      w.key("name").string("w" + std::to_string(width) + (format == "webp" ? "" : "-" + format));
      w.key("key").string(o.at("url").as_string());
      w.key("width").integer(width);
      w.key("height").integer(o.at("height").as_int64());
      w.key("contentType").string("image/" + format);
      w.end_object();
    }
  }
  w.end_array();
  w.end_object();
  return std::move(w).take();
}

}  // namespace

events::Envelope media_ready_event(const MediaRecord& media, const ProcessedRecord& result,
                                   int64_t at_ms) {
  return envelope(media, ready_data(media, result), at_ms);
}

std::optional<events::Envelope> media_reviewed_event(const MediaRecord& media, int64_t at_ms) {
  if (media.status != "ready" || !media.width || !media.height) return std::nullopt;
  ProcessedRecord r{.width = static_cast<int>(*media.width),
                    .height = static_cast<int>(*media.height),
                    .variants_json = media.variants_json.value_or("[]"),
                    .blurhash = media.blurhash.value_or(""),
                    .dominant_color = media.dominant_color.value_or(""),
                    .moderation_outcome = media.moderation_outcome.value_or("approved"),
                    .moderation_reason = media.moderation_reason};
  return envelope(media, ready_data(media, r), at_ms, ".reviewed." + std::to_string(at_ms));
}

events::Envelope media_failed_event(const MediaRecord& media, std::string_view reason,
                                    int64_t at_ms) {
  JsonWriter w;
  w.begin_object();
  common(w, media, "failed");
  w.key("failureReason").string(reason);
  w.end_object();
  return envelope(media, std::move(w).take(), at_ms);
}

Result<int64_t> deleted_user_id(std::string_view payload) {
  SP_ASSIGN_OR_RETURN(events::Envelope e, events::Envelope::parse(payload));
  if (e.type != kUserDeletedTopic || e.version != 1) {
    return Error::invalid("not a user.deleted v1 event");
  }
  boost::json::error_code ec;
  boost::json::value data = boost::json::parse(e.data_json, ec);
  if (ec || !data.is_object()) return Error::invalid("user.deleted data is not an object");
  const auto* user = data.as_object().if_contains("userId");
  if (user == nullptr || !user->is_string()) return Error::invalid("user.deleted has no userId");
  auto id = parse_id(user->as_string());
  if (!id) return Error::invalid("user.deleted userId is not an id");
  return *id;
}

}  // namespace sp::media
