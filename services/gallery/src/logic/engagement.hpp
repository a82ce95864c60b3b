#pragma once
// Likes and comments. A like is one row per (post, user): PUT and DELETE are idempotent and the
// post's likeCount changes only when a row was added or removed, in the same transaction, so the
// count stays exact under concurrent repeats. Comments are rate-limited per user; a user blocked
// by a post's author cannot comment on it. Both refresh the post's hot score and publish
// gallery.likes / gallery.comments through the outbox.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "logic/gallery_context.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"

namespace sp::gallery {

struct LikeState {
  bool liked = false;
  int64_t like_count = 0;
};

class Likes {
 public:
  explicit Likes(GalleryContext& ctx) : ctx_(ctx) {}
  // kNotFound when the post does not exist for `user`.
  Result<LikeState> set(int64_t user, int64_t post_id, bool liked);

 private:
  GalleryContext& ctx_;
};

class Comments {
 public:
  Comments(GalleryContext& ctx, std::unique_ptr<cache::RateLimiter> limiter, cache::Limit limit)
      : ctx_(ctx), limiter_(std::move(limiter)), limit_(limit) {}

  // kRateLimited (with retry-after) beyond the per-user limit; kNotFound for a post `user`
  // cannot see; kPermissionDenied when the post's author blocked `user`.
  Result<CommentView> create(int64_t user, int64_t post_id, const std::string& body);
  // Comments of a post `viewer` can see, oldest first, after comment id `after_id`.
  Result<std::vector<CommentView>> list(int64_t viewer, int64_t post_id, int64_t after_id,
                                        std::size_t limit);
  // Its author or the post's author; kPermissionDenied for others who can see the post.
  Status remove(int64_t caller, int64_t comment_id);

 private:
  GalleryContext& ctx_;
  std::unique_ptr<cache::RateLimiter> limiter_;
  cache::Limit limit_;
};

}  // namespace sp::gallery
