#pragma once
// The gallery's store: its SQL only, over one migrated database. Reads take an Executor (the
// Database, or the Session of a transaction); writes take the Session of the caller's
// transaction so a state change and its outbox event commit together.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/post.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/db/database.hpp"

namespace sp::gallery {

// Applies the gallery's migrations and the outbox table.
Result<int> migrate_gallery_store(db::Database& db);

enum class FeedSort { kNew, kHot, kTop };

// The keys of the last row of the previous page: (published_at | like_count | hot, id).
struct FeedAfter {
  int64_t key = 0;   // new: published_at; top: like_count
  double score = 0;  // hot
  int64_t id = 0;
};

struct FeedQuery {
  int64_t viewer = 0;  // 0: anonymous (content rating soft, nothing hidden)
  FeedSort sort = FeedSort::kNew;
  std::optional<int64_t> published_since_ms{};  // period
  std::optional<std::string> tag{}, model{}, base_model{};
  std::optional<int64_t> author{};  // one creator's posts
  bool following = false;           // only creators the viewer follows
  bool own = false;        // the author reading their own list: every visibility, no filter
  std::size_t limit = 20;  // rows to fetch (page size + 1)
  std::optional<FeedAfter> after{};
};

// The sort keys of a row for the next cursor.
FeedAfter feed_keys(FeedSort sort, const PostView& post);

struct StoredPostRef {
  int64_t author_id = 0;
  Visibility visibility = Visibility::kPublic;
  std::optional<int64_t> published_at_ms;
};

class GalleryStore {
 public:
  explicit GalleryStore(db::Database& db) : db_(db) {}
  db::Database& database() { return db_; }

  Result<std::optional<PostView>> find_post(db::Executor& ex, int64_t viewer, int64_t post_id);
  Result<std::vector<PostView>> feed(const FeedQuery& query);
  // Public descendants of `root` (recursive), id order, with the viewer's filters.
  Result<std::vector<PostView>> remixes(int64_t viewer, int64_t root, int64_t after_id,
                                        std::size_t limit);
  // true when no post exists at all.
  Result<bool> empty();
  Result<std::optional<int64_t>> user_by_handle(std::string_view handle);
  Result<bool> blocked(db::Executor& ex, int64_t blocker, int64_t blocked);
  Result<std::vector<std::string>> tags_of(db::Executor& ex, int64_t post_id);
  Result<std::optional<std::string>> model_of(db::Executor& ex, int64_t post_id);

  Status insert_post(db::Session& tx, int64_t id, int64_t author, const PostDraft& draft,
                     int64_t now_ms, std::optional<int64_t> published_at_ms);
  // Rewrites the mutable columns of `post` (already changed); the tag index when `new_tags` is
  // given and the parameter columns when `params` is.
  Status update_post(db::Session& tx, const PostView& post,
                     const std::vector<std::string>* new_tags, const GenerationParams* params,
                     int64_t now_ms);
  Status delete_post(db::Session& tx, int64_t id);

  // Recomputes and stores the hot score of a post from its counts; returns its author.
  Result<int64_t> refresh_hot(db::Session& tx, int64_t post_id);
  // true when the like was new (false: already there).
  Result<bool> add_like(db::Session& tx, int64_t post_id, int64_t user, int64_t now_ms);
  Result<bool> remove_like(db::Session& tx, int64_t post_id, int64_t user);

  Status insert_comment(db::Session& tx, int64_t id, int64_t post_id, int64_t author,
                        const std::string& body, int64_t now_ms);
  Result<bool> delete_comment(db::Session& tx, int64_t id, int64_t post_id);
  Result<std::optional<CommentView>> find_comment(db::Executor& ex, int64_t id);
  Result<std::vector<CommentView>> comments(int64_t post_id, int64_t after_id, std::size_t limit);

 private:
  // `rows` with their `media` attached (one query for the page).
  Result<std::vector<PostView>> with_media(Result<std::vector<PostView>> rows);

  db::Database& db_;
};

}  // namespace sp::gallery
