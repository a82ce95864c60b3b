#pragma once
// The events the profile service consumes, parsed and handed to ProfileDirectory. A record whose
// envelope or data is malformed is logged and skipped (retrying cannot fix it); a store failure is
// returned, so the consumer retries the record.
#include "logic/profiles.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::profile {

inline constexpr const char* kSignupsGroup = "profile.users.v1";
inline constexpr const char* kDeletionsGroup = "profile.deletions.v1";
inline constexpr const char* kPostsGroup = "profile.posts.v1";
inline constexpr const char* kMediaGroup = "profile.media.v1";

// user.signup {userId, handle, ...}
Status take_signup(ProfileDirectory& profiles, const events::Record& record);
// user.deleted {userId, deletedAt}
Status take_user_deleted(ProfileDirectory& profiles, const events::Record& record);
// media.processed {mediaId, ownerId, status, moderation?, variants?, ...}
Status take_media_processed(ProfileDirectory& profiles, const events::Record& record);
// gallery.post.published {postId, authorId, ...}
Status take_post_published(ProfileDirectory& profiles, const events::Record& record);

}  // namespace sp::profile
