#pragma once
// Collections' SQL: the lists, their entries, and what a viewer may read of them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/post.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::gallery {

struct CollectionView {
  int64_t id = 0;
  AuthorCard owner;
  std::string name;
  bool is_public = true;
  int64_t post_count = 0;
  int64_t created_at_ms = 0;
};

struct CollectedPost {
  PostView post;
  int64_t added_at_ms = 0;
};

class CollectionStore {
 public:
  explicit CollectionStore(db::Database& db) : db_(db) {}
  db::Database& database() { return db_; }

  Result<std::optional<CollectionView>> find(db::Executor& ex, int64_t id);
  // `owner`'s collections, newest first, after id `before_id` (0: from the newest);
  // only public ones unless `all`.
  Result<std::vector<CollectionView>> of_owner(int64_t owner, bool all, int64_t before_id,
                                               std::size_t limit);
  // Posts of a collection `viewer` may see (author-only posts only for their author), most
  // recently added first, after (added_at, post id).
  Result<std::vector<CollectedPost>> posts(int64_t viewer, int64_t collection_id,
                                           std::optional<std::pair<int64_t, int64_t>> after,
                                           std::size_t limit);
  Status insert(db::Session& tx, int64_t id, int64_t owner, const std::string& name, bool is_public,
                int64_t now_ms);
  Status update(db::Session& tx, const CollectionView& c, int64_t now_ms);
  Status remove(db::Session& tx, int64_t id);
  Status add_post(db::Session& tx, int64_t id, int64_t post_id, int64_t now_ms);
  Status remove_post(db::Session& tx, int64_t id, int64_t post_id);

 private:
  db::Database& db_;
};

}  // namespace sp::gallery
