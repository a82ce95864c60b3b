#include "handlers/views.hpp"

#include "logic/image_hashes.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::media {

namespace {

template <class T, class Write>
void optional_value(JsonWriter& w, const std::optional<T>& value, Write write) {
  if (value) {
    write(*value);
  } else {
    w.null();
  }
}

}  // namespace

std::string media_json(const MediaView& view) {
  const MediaRecord& m = view.media;
  JsonWriter w;
  w.begin_object();
  w.key("id").id(m.id);
  w.key("status").string(m.status);
  const bool owner = view.owner_view;
  if (owner) {
    w.key("reason");
    m.reason ? w.string(*m.reason) : w.null();
  }
  w.key("width");
  optional_value(w, m.width, [&](int64_t v) { w.integer(v); });
  w.key("height");
  optional_value(w, m.height, [&](int64_t v) { w.integer(v); });
  w.key("variants").raw(m.variants_json.value_or("[]"));
  w.key("blurhash");
  optional_value(w, m.blurhash, [&](const std::string& v) { w.string(v); });
  w.key("dominantColor");
  optional_value(w, m.dominant_color, [&](const std::string& v) { w.string(v); });
  if (owner) {
    w.key("metadata").raw(m.metadata_json.empty() ? "{\"tool\":\"unknown\"}" : m.metadata_json);
  }
  w.key("provenance");
  m.provenance_json ? w.raw(*m.provenance_json) : w.null();
  w.key("phash");
  optional_value(w, m.phash, [&](int64_t v) { w.string(hash_hex(static_cast<uint64_t>(v))); });
  if (!owner) {
    w.end_object();
    return std::move(w).take();
  }
  w.key("duplicates").begin_array();
  for (const NearDuplicate& d : view.duplicates) {
    w.begin_object();
    w.key("id").id(d.id);
    w.key("distance").integer(d.distance);
    w.end_object();
  }
  w.end_array();
  w.key("moderation");
  if (m.moderation_outcome) {
    w.begin_object();
    w.key("outcome").string(*m.moderation_outcome);
    w.key("reason");
    optional_value(w, m.moderation_reason, [&](const std::string& v) { w.string(v); });
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
  return std::move(w).take();
}

}  // namespace sp::media
