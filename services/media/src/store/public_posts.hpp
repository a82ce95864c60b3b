#pragma once
// The media service's record of the gallery's public posts and the media they use (tables
// media_posts and media_post_images, migration 004), the same SQL on SQLite and PostgreSQL.
#include <cstdint>

#include "logic/post_events.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::db {
class Database;
}

namespace sp::media {

class PublicPosts {
 public:
  explicit PublicPosts(db::Database& db) : db_(db) {}

  // Records what `post` says unless an event as new or newer was applied for the post already
  // (a redelivery, or an older event arriving late from another topic): idempotent and
  // order-proof. Returns whether it changed anything. Two consumers racing on a new post on
  // PostgreSQL: the loser's insert fails (primary key), and its consumer retries.
  Result<bool> apply(const PostVisibility& post);
  // Whether a public post of `owner_id` uses media `media_id` (a post by someone else naming the
  // id never makes another user's media public).
  Result<bool> used_publicly(int64_t media_id, int64_t owner_id);
  // user.deleted: the author's posts are no longer public (the rows stay, so late events older
  // than the deletion change nothing; a newer one finds no media of theirs left).
  Status withdraw_author(int64_t author_id);

 private:
  db::Database& db_;
};

}  // namespace sp::media
