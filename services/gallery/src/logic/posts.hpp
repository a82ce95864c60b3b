#pragma once
// Posts: create, read, change and delete, with the visibility and ownership rules. Private and
// draft posts exist only for their author (others get 404, as if there were none); others may
// read public and unlisted posts but never change them (403). Becoming public for the first time
// publishes gallery.post.published (with imageIds) in the same transaction; becoming public again,
// or changing the images of a public post, gallery.post.revised; stopping being public (deleted,
// or visibility changed away from public), gallery.post.withdrawn.
#include <cstdint>
#include <vector>

#include "logic/gallery_context.hpp"
#include "logic/post.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::gallery {

class Posts {
 public:
  explicit Posts(GalleryContext& ctx) : ctx_(ctx) {}

  // kInvalidArgument (field remixOf) when remixOf names no post the author may see.
  Result<PostView> create(int64_t author, const PostDraft& draft);
  // kNotFound for a missing post or one author-only for someone else. viewer 0: anonymous.
  Result<PostView> get(int64_t viewer, int64_t post_id) const;
  // The public descendants of a post `viewer` can see (remixes of remixes too), oldest first,
  // after id `after_id`, with the viewer's feed filters.
  Result<std::vector<PostView>> remixes(int64_t viewer, int64_t post_id, int64_t after_id,
                                        std::size_t limit) const;
  // Up to `limit` public posts with the most similar prompts (Jaccard over prompt words, at
  // least 0.1), best first, among the kSimilarPool newest the viewer's feed would show.
  static constexpr std::size_t kSimilarPool = 1000;
  Result<std::vector<PostView>> similar(int64_t viewer, int64_t post_id, std::size_t limit) const;
  // Only the author: kPermissionDenied for others who can see it, kNotFound for the rest.
  Result<PostView> update(int64_t caller, int64_t post_id, const PostChanges& changes);
  Status remove(int64_t caller, int64_t post_id);

 private:
  // The post as `caller` may change it (their own), else the error they get.
  Result<PostView> owned(db::Executor& ex, int64_t caller, int64_t post_id) const;
  Status check_remix_of(db::Executor& ex, int64_t caller, int64_t remix_of, int64_t self = 0) const;

  GalleryContext& ctx_;
};

}  // namespace sp::gallery
