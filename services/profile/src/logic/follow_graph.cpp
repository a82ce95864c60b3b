#include "logic/follow_graph.hpp"

#include <algorithm>
#include <string>

#include "logic/profile_events.hpp"
#include "logic/profiles.hpp"

namespace sp::profile {

Result<int64_t> FollowGraph::other_user(int64_t viewer, std::string_view handle,
                                        std::string_view verb) const {
  SP_ASSIGN_OR_RETURN(std::optional<Profile> other,
                      ctx_.store.reads().find_by_handle(handle_key(handle)));
  if (!other) return Error::not_found("profile not found");
  if (other->user_id == viewer)
    return Error::invalid("you cannot " + std::string(verb) + " yourself");
  return other->user_id;
}

Status FollowGraph::lock_pair(ProfileWrites& tx, int64_t a, int64_t b) {
  for (int64_t id : {std::min(a, b), std::max(a, b)}) {
    SP_ASSIGN_OR_RETURN(bool exists, tx.lock_profile(id));
    if (!exists) return Error::not_found("profile not found");
  }
  return ok_status();
}

Status FollowGraph::remove_follow(ProfileWrites& tx, int64_t follower, int64_t followee) const {
  SP_ASSIGN_OR_RETURN(bool removed, tx.delete_follow(follower, followee));
  if (!removed) return ok_status();
  SP_TRY(tx.add_to_follow_counts(follower, followee, -1));
  return tx.enqueue(follow_event(ctx_, follower, followee, false));
}

Status FollowGraph::follow(int64_t viewer, std::string_view handle) {
  SP_ASSIGN_OR_RETURN(int64_t followee, other_user(viewer, handle, "follow"));
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_TRY(lock_pair(tx, viewer, followee));
    SP_ASSIGN_OR_RETURN(Relation relation, tx.relation(viewer, followee));
    if (relation.following) return ok_status();
    if (relation.blocking || relation.blocked_by) {
      return Error::forbidden("you cannot follow this user");
    }
    const int64_t id = ctx_.ids.next();
    SP_ASSIGN_OR_RETURN(bool inserted,
                        tx.insert_follow(id, viewer, followee, IdGenerator::timestamp_ms(id)));
    if (!inserted) return ok_status();
    SP_TRY(tx.add_to_follow_counts(viewer, followee, +1));
    return tx.enqueue(follow_event(ctx_, viewer, followee, true));
  });
}

Status FollowGraph::unfollow(int64_t viewer, std::string_view handle) {
  SP_ASSIGN_OR_RETURN(int64_t followee, other_user(viewer, handle, "unfollow"));
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_TRY(lock_pair(tx, viewer, followee));
    return remove_follow(tx, viewer, followee);
  });
}

Status FollowGraph::block(int64_t viewer, std::string_view handle) {
  SP_ASSIGN_OR_RETURN(int64_t blocked, other_user(viewer, handle, "block"));
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_TRY(lock_pair(tx, viewer, blocked));
    const int64_t id = ctx_.ids.next();
    SP_ASSIGN_OR_RETURN(bool inserted,
                        tx.insert_block(id, viewer, blocked, IdGenerator::timestamp_ms(id)));
    if (!inserted) return ok_status();
    SP_TRY(tx.enqueue(block_event(ctx_, viewer, blocked, true)));
    SP_TRY(remove_follow(tx, viewer, blocked));
    return remove_follow(tx, blocked, viewer);
  });
}

Status FollowGraph::unblock(int64_t viewer, std::string_view handle) {
  SP_ASSIGN_OR_RETURN(int64_t blocked, other_user(viewer, handle, "unblock"));
  return ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_TRY(lock_pair(tx, viewer, blocked));
    SP_ASSIGN_OR_RETURN(bool removed, tx.delete_block(viewer, blocked));
    if (!removed) return ok_status();
    return tx.enqueue(block_event(ctx_, viewer, blocked, false));
  });
}

Result<std::vector<ListedUser>> FollowGraph::list(EdgeList which, std::string_view handle,
                                                  const std::optional<EdgeKey>& after,
                                                  std::size_t limit) const {
  ProfileReads reads = ctx_.store.reads();
  SP_ASSIGN_OR_RETURN(std::optional<Profile> owner, reads.find_by_handle(handle_key(handle)));
  if (!owner) return Error::not_found("profile not found");
  return which == EdgeList::kFollowers ? reads.followers(owner->user_id, after, limit)
                                       : reads.following(owner->user_id, after, limit);
}

Result<std::vector<ListedUser>> FollowGraph::blocks(int64_t viewer,
                                                    const std::optional<EdgeKey>& after,
                                                    std::size_t limit) const {
  return ctx_.store.reads().blocks(viewer, after, limit);
}

}  // namespace sp::profile
