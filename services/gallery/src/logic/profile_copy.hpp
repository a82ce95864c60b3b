#pragma once
// The gallery's own copy of profiles, kept from events (never from the profile service's
// tables): author cards (user.signup, profile.updated), viewer preferences
// (profile.preferences_updated), blocks and follows; and user.deleted, which removes the user's
// posts, likes and comments with every count kept exact. Each handler is idempotent and ignores
// events older than what it already applied; a malformed event is logged and skipped (retrying
// it forever would stop the topic).
#include "logic/gallery_context.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::gallery {

class ProfileCopy {
 public:
  explicit ProfileCopy(GalleryContext& ctx) : ctx_(ctx) {}

  Status on_signup(const events::Record& record);               // user.signup v1
  Status on_profile_updated(const events::Record& record);      // profile.updated v1
  Status on_preferences_updated(const events::Record& record);  // profile.preferences_updated v1
  // profile.blocked / profile.unblocked v1 {blockerId, blockedId, at}
  Status on_block(const events::Record& record, bool blocked);
  // profile.followed / profile.unfollowed v1 {followerId, followeeId, following}
  Status on_follow(const events::Record& record, bool following);
  Status on_user_deleted(const events::Record& record);  // user.deleted v1 {userId, deletedAt}

  // Removes everything of `user_id` (also what the demo and tests call directly).
  Status delete_user(int64_t user_id);

 private:
  GalleryContext& ctx_;
};

}  // namespace sp::gallery
