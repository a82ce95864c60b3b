#include "store/public_posts.hpp"

#include <algorithm>

#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/statements.hpp"

namespace sp::media {
namespace sql {

constexpr const char* kFind = "SELECT event_at, event_id FROM media_posts WHERE post_id = ?";
constexpr const char* kInsert =
    "INSERT INTO media_posts (post_id, author_id, is_public, event_at, event_id) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE media_posts SET author_id = ?, is_public = ?, event_at = ?, event_id = ? "
    "WHERE post_id = ?";
constexpr const char* kDeleteImages = "DELETE FROM media_post_images WHERE post_id = ?";
constexpr const char* kInsertImage =
    "INSERT INTO media_post_images (post_id, media_id) VALUES (?, ?)";
constexpr const char* kUsedPublicly =
    "SELECT 1 FROM media_post_images i JOIN media_posts p ON p.post_id = i.post_id "
    "WHERE i.media_id = ? AND p.is_public = 1 AND p.author_id = ? LIMIT 1";
constexpr const char* kDeleteImagesOfAuthor =
    "DELETE FROM media_post_images WHERE post_id IN "
    "(SELECT post_id FROM media_posts WHERE author_id = ?)";
constexpr const char* kWithdrawAuthor = "UPDATE media_posts SET is_public = 0 WHERE author_id = ?";

}  // namespace sql

Result<bool> PublicPosts::apply(const PostVisibility& post) {
  bool applied = false;
  SP_TRY(db_.transact([&](db::Session& s) -> Status {
    SP_ASSIGN_OR_RETURN(auto current,
                        db::query_one(s, sql::kFind, {post.post_id}, [](const db::Row& r) {
                          return std::pair<int64_t, std::string>(r.get_int(0), r.get_text(1));
                        }));
    const int64_t is_public = post.is_public ? 1 : 0;
    if (!current) {
      SP_TRY(db::run(s, sql::kInsert,
                     {post.post_id, post.author_id, is_public, post.event_at_ms, post.event_id}));
    } else if (comes_after(post.event_at_ms, post.event_id, current->first, current->second)) {
      SP_TRY(db::run(s, sql::kUpdate,
                     {post.author_id, is_public, post.event_at_ms, post.event_id, post.post_id}));
      SP_TRY(db::run(s, sql::kDeleteImages, {post.post_id}));
    } else {
      return ok_status();  // the same event again, or an older one
    }
    if (post.is_public) {
      std::vector<int64_t> seen;
      for (int64_t media : post.image_ids) {
        if (std::find(seen.begin(), seen.end(), media) != seen.end()) continue;
        seen.push_back(media);
        SP_TRY(db::run(s, sql::kInsertImage, {post.post_id, media}));
      }
    }
    applied = true;
    return ok_status();
  }));
  return applied;
}

Result<bool> PublicPosts::used_publicly(int64_t media_id, int64_t owner_id) {
  SP_ASSIGN_OR_RETURN(auto hit, db::query_one(db_, sql::kUsedPublicly, {media_id, owner_id},
                                              [](const db::Row& r) { return r.get_int(0); }));
  return hit.has_value();
}

Status PublicPosts::withdraw_author(int64_t author_id) {
  return db_.transact([&](db::Session& s) -> Status {
    SP_TRY(db::run(s, sql::kDeleteImagesOfAuthor, {author_id}));
    return db::run(s, sql::kWithdrawAuthor, {author_id});
  });
}

}  // namespace sp::media
