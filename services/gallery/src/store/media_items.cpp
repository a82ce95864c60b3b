#include "store/media_items.hpp"

#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::gallery {
namespace {

constexpr const char* kUpsert =
    "INSERT INTO media_items (id, owner_id, status, width, height, blurhash, dominant_color, "
    "variants_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
    "owner_id = excluded.owner_id, status = excluded.status, width = excluded.width, "
    "height = excluded.height, blurhash = excluded.blurhash, "
    "dominant_color = excluded.dominant_color, variants_json = excluded.variants_json, "
    "updated_at = excluded.updated_at WHERE media_items.updated_at <= excluded.updated_at";
constexpr const char* kSelect =
    "SELECT id, owner_id, status, width, height, blurhash, dominant_color, variants_json, "
    "updated_at FROM media_items WHERE id IN (";
constexpr const char* kDeleteOf = "DELETE FROM media_items WHERE owner_id = ?";

MediaItem item_from_row(const db::Row& r) {
  return MediaItem{.id = r.get_int(0),
                   .owner_id = r.get_int(1),
                   .status = r.get_text(2),
                   .width = r.opt_int(3),
                   .height = r.opt_int(4),
                   .blurhash = r.opt_text(5),
                   .dominant_color = r.opt_text(6),
                   .variants_json = r.get_text(7),
                   .updated_at_ms = r.get_int(8)};
}

void optional_int(JsonWriter& w, std::string_view name, const std::optional<int64_t>& v) {
  w.key(name);
  v ? w.integer(*v) : w.null();
}

void optional_text(JsonWriter& w, std::string_view name, const std::optional<std::string>& v) {
  w.key(name);
  v ? w.string(*v) : w.null();
}

}  // namespace

std::vector<int64_t> image_ids(std::string_view images_json) {
  std::vector<int64_t> ids;
  int64_t value = 0;
  bool in_digits = false;
  for (char c : images_json) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      in_digits = true;
    } else if (in_digits) {
      ids.push_back(value);
      value = 0;
      in_digits = false;
    }
  }
  return ids;
}

Status upsert_media_item(db::Executor& ex, const MediaItem& m) {
  return db::run(ex, kUpsert,
                 {m.id, m.owner_id, m.status, m.width, m.height, m.blurhash, m.dominant_color,
                  m.variants_json, m.updated_at_ms});
}

Result<std::map<int64_t, MediaItem>> find_media_items(db::Executor& ex,
                                                      const std::vector<int64_t>& ids) {
  std::map<int64_t, MediaItem> out;
  // In chunks, well under every engine's parameter limit.
  constexpr std::size_t kChunk = 500;
  for (std::size_t start = 0; start < ids.size(); start += kChunk) {
    const std::size_t end = std::min(ids.size(), start + kChunk);
    std::string text = kSelect;
    for (std::size_t i = start; i < end; ++i) text += i == start ? "?" : ", ?";
    text += ")";
    const db::Params params(ids.begin() + static_cast<std::ptrdiff_t>(start),
                            ids.begin() + static_cast<std::ptrdiff_t>(end));
    SP_ASSIGN_OR_RETURN(std::vector<MediaItem> items,
                        db::query_all(ex, text, params, item_from_row));
    for (MediaItem& m : items) out.emplace(m.id, std::move(m));
  }
  return out;
}

Status delete_media_items_of(db::Executor& ex, int64_t owner_id) {
  return db::run(ex, kDeleteOf, {owner_id});
}

Status attach_media(db::Executor& ex, const std::vector<PostView*>& posts) {
  std::vector<int64_t> wanted;
  for (PostView* p : posts) {
    p->image_ids = image_ids(p->images_json);
    wanted.insert(wanted.end(), p->image_ids.begin(), p->image_ids.end());
  }
  std::map<int64_t, MediaItem> known;
  if (!wanted.empty()) {
    SP_ASSIGN_OR_RETURN(known, find_media_items(ex, wanted));
  }
  for (PostView* p : posts) {
    JsonWriter w;
    w.begin_array();
    for (int64_t id : p->image_ids) {
      auto it = known.find(id);
      if (it != known.end() && it->second.owner_id != p->author.user_id) continue;
      w.begin_object().key("id").id(id);
      if (it == known.end()) {
        w.key("status").string("pending").key("width").null().key("height").null();
        w.key("blurhash").null().key("dominantColor").null().key("variants").raw("[]");
      } else {
        const MediaItem& m = it->second;
        w.key("status").string(m.status);
        optional_int(w, "width", m.width);
        optional_int(w, "height", m.height);
        optional_text(w, "blurhash", m.blurhash);
        optional_text(w, "dominantColor", m.dominant_color);
        w.key("variants").raw(m.status == "ready" ? m.variants_json : "[]");
      }
      w.end_object();
    }
    w.end_array();
    p->media_json = std::move(w).take();
  }
  return ok_status();
}

}  // namespace sp::gallery
