#include "logic/collections.hpp"

namespace sp::gallery {
namespace {

bool visible(const CollectionView& c, int64_t viewer) {
  return c.is_public || c.owner.user_id == viewer;
}

}  // namespace

Result<CollectionView> Collections::create(int64_t owner, const std::string& name, bool is_public) {
  const int64_t id = ctx_.ids.next();
  SP_TRY(store_.database().transact([&](db::Session& tx) {
    return store_.insert(tx, id, owner, name, is_public, ctx_.now_ms());
  }));
  return get(owner, id);
}

Result<CollectionView> Collections::get(int64_t viewer, int64_t id) {
  SP_ASSIGN_OR_RETURN(auto c, store_.find(store_.database(), id));
  if (!c || !visible(*c, viewer)) return Error::not_found("collection not found");
  return std::move(*c);
}

Result<CollectionView> Collections::owned(db::Executor& ex, int64_t caller, int64_t id) {
  SP_ASSIGN_OR_RETURN(auto c, store_.find(ex, id));
  if (!c || !visible(*c, caller)) return Error::not_found("collection not found");
  if (c->owner.user_id != caller) return Error::forbidden("only the owner may change it");
  return std::move(*c);
}

Result<CollectionView> Collections::update(int64_t caller, int64_t id,
                                           const Patch<std::string>& name,
                                           const Patch<bool>& is_public) {
  SP_TRY(store_.database().transact([&](db::Session& tx) -> Status {
    SP_ASSIGN_OR_RETURN(CollectionView c, owned(tx, caller, id));
    if (name.is_set()) c.name = name.value();
    if (is_public.is_set()) c.is_public = is_public.value();
    return store_.update(tx, c, ctx_.now_ms());
  }));
  return get(caller, id);
}

Status Collections::remove(int64_t caller, int64_t id) {
  return store_.database().transact([&](db::Session& tx) -> Status {
    SP_TRY(owned(tx, caller, id));
    return store_.remove(tx, id);
  });
}

Status Collections::set_post(int64_t caller, int64_t id, int64_t post_id, bool present) {
  return store_.database().transact([&](db::Session& tx) -> Status {
    SP_TRY(owned(tx, caller, id));
    if (!present) return store_.remove_post(tx, id, post_id);
    SP_ASSIGN_OR_RETURN(auto post, ctx_.store.find_post(tx, caller, post_id));
    if (!post || (author_only(post->visibility) && post->author.user_id != caller)) {
      return Error::not_found("post not found");
    }
    return store_.add_post(tx, id, post_id, ctx_.now_ms());
  });
}

Result<std::vector<CollectedPost>> Collections::posts(
    int64_t viewer, int64_t id, std::optional<std::pair<int64_t, int64_t>> after,
    std::size_t limit) {
  SP_TRY(get(viewer, id));
  return store_.posts(viewer, id, after, limit);
}

Result<std::vector<CollectionView>> Collections::of_owner(int64_t viewer, int64_t owner,
                                                          int64_t before_id, std::size_t limit) {
  return store_.of_owner(owner, viewer == owner, before_id, limit);
}

}  // namespace sp::gallery
