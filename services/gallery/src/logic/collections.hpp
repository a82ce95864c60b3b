#pragma once
// Collections: a user's named lists of posts. Private collections exist only for their owner
// (404 for everyone else); only the owner changes one (403 for others who can see it). A post
// is added only when the owner can see it; lists never show a post the viewer cannot see.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "logic/gallery_context.hpp"
#include "store/collection_store.hpp"
#include "strangeprompt/core/patch.hpp"

namespace sp::gallery {

class Collections {
 public:
  explicit Collections(GalleryContext& ctx) : ctx_(ctx), store_(ctx.store.database()) {}

  Result<CollectionView> create(int64_t owner, const std::string& name, bool is_public);
  // kNotFound when missing or private to someone else.
  Result<CollectionView> get(int64_t viewer, int64_t id);
  Result<CollectionView> update(int64_t caller, int64_t id, const Patch<std::string>& name,
                                const Patch<bool>& is_public);
  Status remove(int64_t caller, int64_t id);
  // Idempotent; kNotFound when the owner cannot see the post.
  Status set_post(int64_t caller, int64_t id, int64_t post_id, bool present);
  Result<std::vector<CollectedPost>> posts(int64_t viewer, int64_t id,
                                           std::optional<std::pair<int64_t, int64_t>> after,
                                           std::size_t limit);
  Result<std::vector<CollectionView>> of_owner(int64_t viewer, int64_t owner, int64_t before_id,
                                               std::size_t limit);

 private:
  Result<CollectionView> owned(db::Executor& ex, int64_t caller, int64_t id);

  GalleryContext& ctx_;
  CollectionStore store_;
};

}  // namespace sp::gallery
