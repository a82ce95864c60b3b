#pragma once
// The events the profile service publishes through its outbox (schemas/events/<type>.v1.json).
// Other services (the gallery first) keep their own copies of profiles, follows, blocks and
// viewer filters from them. Key: the user the event is about (the followee of a follow, the
// blocker of a block).
#include <cstdint>
#include <string_view>

#include "logic/profile_context.hpp"
#include "store/records.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::profile {

inline constexpr std::string_view kProfileUpdatedTopic = "profile.updated";
inline constexpr std::string_view kPreferencesUpdatedTopic = "profile.preferences_updated";
inline constexpr std::string_view kFollowedTopic = "profile.followed";
inline constexpr std::string_view kUnfollowedTopic = "profile.unfollowed";
inline constexpr std::string_view kBlockedTopic = "profile.blocked";
inline constexpr std::string_view kUnblockedTopic = "profile.unblocked";

// {userId, handle, displayName, avatar (string|null), bio, links, updatedAt}
events::Envelope profile_updated_event(const ProfileContext& ctx, const Profile& profile);
// {userId, contentRating, hiddenTags, hiddenCreatorIds, updatedAt}
events::Envelope preferences_updated_event(const ProfileContext& ctx, int64_t user_id,
                                           const Preferences& preferences);
// profile.followed {followerId, followeeId, following: true} or profile.unfollowed (false).
events::Envelope follow_event(const ProfileContext& ctx, int64_t follower, int64_t followee,
                              bool following);
// profile.blocked or profile.unblocked {blockerId, blockedId, at}.
events::Envelope block_event(const ProfileContext& ctx, int64_t blocker, int64_t blocked,
                             bool blocking);

}  // namespace sp::profile
