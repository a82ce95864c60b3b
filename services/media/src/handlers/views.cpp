#include "handlers/views.hpp"

#include "strangeprompt/core/json_writer.hpp"

namespace sp::media {

std::string media_json(const MediaRecord& m) {
  JsonWriter w;
  w.begin_object();
  w.key("id").id(m.id);
  w.key("status").string(m.status);
  w.key("reason");
  m.reason ? w.string(*m.reason) : w.null();
  w.key("width").null();
  w.key("height").null();
  w.key("variants").begin_array().end_array();
  w.key("blurhash").null();
  w.key("dominantColor").null();
  w.key("metadata").raw(m.metadata_json.empty() ? "{\"tool\":\"unknown\"}" : m.metadata_json);
  w.key("provenance");
  m.provenance_json ? w.raw(*m.provenance_json) : w.null();
  w.key("phash").null();
  w.key("duplicates").begin_array().end_array();
  w.key("moderation").null();
  w.end_object();
  return std::move(w).take();
}

}  // namespace sp::media
