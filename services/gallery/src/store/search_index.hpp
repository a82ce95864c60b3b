#pragma once
// Keeps the search index (post_search: FTS5 on SQLite, tsvector on PostgreSQL) and the resource
// index (post_resources) in step with posts, inside the caller's transaction.
#include <cstdint>
#include <string>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::gallery {

// (Re)indexes one post from its stored row and its author's handle.
Status index_post(db::Session& tx, int64_t post_id);
Status unindex_post(db::Session& tx, int64_t post_id);
// Re-indexes every post of an author (their handle changed or arrived after their posts).
Status reindex_author(db::Session& tx, int64_t author_id);
// Replaces the resource names (lower-case) of a post.
Status write_resources(db::Session& tx, int64_t post_id, const std::vector<std::string>& names);

}  // namespace sp::gallery
