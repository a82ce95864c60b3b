#pragma once
// The follow graph and blocks. Every change runs in one transaction that first write-locks both
// profiles (lower user id first), so concurrent changes of one pair serialise on every engine;
// an edge is a unique row and counts move only when a row was really inserted or deleted, so
// counts stay exact under concurrent repeats. Events go out through the outbox in the same
// transaction.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "logic/profile_context.hpp"
#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::profile {

enum class EdgeList { kFollowers, kFollowing };

class FollowGraph {
 public:
  explicit FollowGraph(const ProfileContext& ctx) : ctx_(ctx) {}

  // Idempotent. kNotFound for an unknown handle (or a caller without a profile yet),
  // kInvalidArgument for oneself, kPermissionDenied when either blocked the other.
  Status follow(int64_t viewer, std::string_view handle);
  // Idempotent; kNotFound for an unknown handle.
  Status unfollow(int64_t viewer, std::string_view handle);
  // Idempotent; removes follows both ways. kInvalidArgument for oneself.
  Status block(int64_t viewer, std::string_view handle);
  Status unblock(int64_t viewer, std::string_view handle);

  // Up to `limit` rows of `handle`'s list after `after`, oldest edge first; kNotFound for an
  // unknown handle.
  Result<std::vector<ListedUser>> list(EdgeList which, std::string_view handle,
                                       const std::optional<EdgeKey>& after,
                                       std::size_t limit) const;
  // The users `viewer` blocked, oldest block first.
  Result<std::vector<ListedUser>> blocks(int64_t viewer, const std::optional<EdgeKey>& after,
                                         std::size_t limit) const;

 private:
  // The other user's id; kNotFound for an unknown handle, kInvalidArgument (`verb` oneself).
  Result<int64_t> other_user(int64_t viewer, std::string_view handle, std::string_view verb) const;
  // Locks both profiles in id order; kNotFound when either has none.
  static Status lock_pair(ProfileWrites& tx, int64_t a, int64_t b);
  // Deletes follower -> followee if present: counts and profile.unfollowed with it.
  Status remove_follow(ProfileWrites& tx, int64_t follower, int64_t followee) const;

  const ProfileContext& ctx_;
};

}  // namespace sp::profile
