#include "store/search_index.hpp"

#include "store/gallery_sql.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::gallery {
namespace {

namespace sqlite {
constexpr const char* kDelete = "DELETE FROM post_search WHERE rowid = ?";
constexpr const char* kDeleteAuthor =
    "DELETE FROM post_search WHERE rowid IN (SELECT id FROM posts WHERE author_id = ?)";
constexpr const char* kInsert =
    "INSERT INTO post_search (rowid, title, prompt, tags, handle) "
    "SELECT p.id, p.title, p.prompt, p.tags_json, COALESCE(a.handle, '') "
    "FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id WHERE ";
}  // namespace sqlite

namespace postgres {
constexpr const char* kDelete = "DELETE FROM post_search WHERE post_id = ?";
constexpr const char* kDeleteAuthor =
    "DELETE FROM post_search WHERE post_id IN (SELECT id FROM posts WHERE author_id = ?)";
constexpr const char* kInsert =
    "INSERT INTO post_search (post_id, doc) SELECT p.id, "
    "setweight(to_tsvector('simple', p.title), 'A') || "
    "setweight(to_tsvector('simple', p.tags_json), 'B') || "
    "setweight(to_tsvector('simple', COALESCE(a.handle, '')), 'B') || "
    "setweight(to_tsvector('simple', p.prompt), 'C') "
    "FROM posts p LEFT JOIN authors a ON a.user_id = p.author_id WHERE ";
}  // namespace postgres

bool is_sqlite(const db::Session& tx) {
  return tx.dialect() == db::Dialect::kSqlite;
}

}  // namespace

Status index_post(db::Session& tx, int64_t post_id) {
  SP_TRY(unindex_post(tx, post_id));
  const std::string insert =
      std::string(is_sqlite(tx) ? sqlite::kInsert : postgres::kInsert) + "p.id = ?";
  return db::run(tx, insert, {post_id});
}

Status unindex_post(db::Session& tx, int64_t post_id) {
  return db::run(tx, is_sqlite(tx) ? sqlite::kDelete : postgres::kDelete, {post_id});
}

Status reindex_author(db::Session& tx, int64_t author_id) {
  SP_TRY(db::run(tx, is_sqlite(tx) ? sqlite::kDeleteAuthor : postgres::kDeleteAuthor, {author_id}));
  const std::string insert =
      std::string(is_sqlite(tx) ? sqlite::kInsert : postgres::kInsert) + "p.author_id = ?";
  return db::run(tx, insert, {author_id});
}

Status write_resources(db::Session& tx, int64_t post_id, const std::vector<std::string>& names) {
  SP_TRY(db::run(tx, sql::kDeleteResources, {post_id}));
  for (const std::string& name : names) SP_TRY(db::run(tx, sql::kInsertResource, {name, post_id}));
  return ok_status();
}

}  // namespace sp::gallery
