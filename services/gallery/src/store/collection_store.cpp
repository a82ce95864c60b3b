#include "store/collection_store.hpp"

#include "store/media_items.hpp"

#include <cstdint>

#include "store/gallery_sql.hpp"
#include "store/post_rows.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::gallery {
namespace {

constexpr const char* kColumns =
    "SELECT c.id, c.owner_id, a.handle, a.display_name, a.avatar, a.avatar_url, c.name, "
    "c.is_public, "
    "(SELECT COUNT(*) FROM collection_posts cp WHERE cp.collection_id = c.id), c.created_at "
    "FROM collections c LEFT JOIN authors a ON a.user_id = c.owner_id ";
constexpr const char* kInsert =
    "INSERT INTO collections (id, owner_id, name, is_public, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE collections SET name = ?, is_public = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDeleteEntries = "DELETE FROM collection_posts WHERE collection_id = ?";
constexpr const char* kDelete = "DELETE FROM collections WHERE id = ?";
constexpr const char* kAddPost =
    "INSERT INTO collection_posts (collection_id, post_id, added_at) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING";
constexpr const char* kRemovePost =
    "DELETE FROM collection_posts WHERE collection_id = ? AND post_id = ?";

CollectionView from_row(const db::Row& r) {
  return CollectionView{.id = r.get_int(0),
                        .owner = {.user_id = r.get_int(1),
                                  .handle = r.opt_text(2),
                                  .display_name = r.opt_text(3),
                                  .avatar = r.opt_text(4),
                                  .avatar_url = r.opt_text(5)},
                        .name = r.get_text(6),
                        .is_public = r.get_int(7) != 0,
                        .post_count = r.get_int(8),
                        .created_at_ms = r.get_int(9)};
}

}  // namespace

Result<std::optional<CollectionView>> CollectionStore::find(db::Executor& ex, int64_t id) {
  return db::query_one(ex, std::string(kColumns) + "WHERE c.id = ?", {id}, from_row);
}

Result<std::vector<CollectionView>> CollectionStore::of_owner(int64_t owner, bool all,
                                                              int64_t before_id,
                                                              std::size_t limit) {
  std::string text = std::string(kColumns) + "WHERE c.owner_id = ? AND c.id < ?";
  if (!all) text += " AND c.is_public = 1";
  text += " ORDER BY c.id DESC LIMIT ?";
  return db::query_all(db_, text,
                       {owner, before_id == 0 ? INT64_MAX : before_id, static_cast<int64_t>(limit)},
                       from_row);
}

Result<std::vector<CollectedPost>> CollectionStore::posts(
    int64_t viewer, int64_t collection_id, std::optional<std::pair<int64_t, int64_t>> after,
    std::size_t limit) {
  std::string text = std::string("SELECT ") + sql::kPostColumns +
                     ", cp.added_at FROM collection_posts cp JOIN posts p ON p.id = cp.post_id "
                     "LEFT JOIN authors a ON a.user_id = p.author_id WHERE cp.collection_id = ? "
                     "AND (p.visibility IN ('public', 'unlisted') OR p.author_id = ?)";
  // The first page starts after the largest possible keys, so one statement serves every page.
  const int64_t added = after ? after->first : INT64_MAX;
  const int64_t post = after ? after->second : INT64_MAX;
  text += " AND (cp.added_at < ? OR (cp.added_at = ? AND p.id < ?))";
  text += " ORDER BY cp.added_at DESC, p.id DESC LIMIT ?";
  const db::Params params{
      viewer, collection_id, viewer, added, added, post, static_cast<int64_t>(limit)};
  SP_ASSIGN_OR_RETURN(auto rows, db::query_all(db_, text, params, [](const db::Row& r) {
                        return CollectedPost{post_from_row(r), r.get_int(kPostColumnCount)};
                      }));
  std::vector<PostView*> posts;
  for (CollectedPost& c : rows) posts.push_back(&c.post);
  SP_TRY(attach_media(db_, posts));
  return rows;
}

Status CollectionStore::insert(db::Session& tx, int64_t id, int64_t owner, const std::string& name,
                               bool is_public, int64_t now_ms) {
  return db::run(tx, kInsert, {id, owner, name, is_public, now_ms, now_ms});
}

Status CollectionStore::update(db::Session& tx, const CollectionView& c, int64_t now_ms) {
  return db::run(tx, kUpdate, {c.name, c.is_public, now_ms, c.id});
}

Status CollectionStore::remove(db::Session& tx, int64_t id) {
  SP_TRY(db::run(tx, kDeleteEntries, {id}));
  return db::run(tx, kDelete, {id});
}

Status CollectionStore::add_post(db::Session& tx, int64_t id, int64_t post_id, int64_t now_ms) {
  return db::run(tx, kAddPost, {id, post_id, now_ms});
}

Status CollectionStore::remove_post(db::Session& tx, int64_t id, int64_t post_id) {
  return db::run(tx, kRemovePost, {id, post_id});
}

}  // namespace sp::gallery
