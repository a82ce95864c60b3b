#pragma once
// JSON of the profile API's answers (field names are the public contract).
#include <string>

#include "logic/profiles.hpp"
#include "store/records.hpp"

namespace sp::profile {

// {id, handle, displayName, bio, avatar, links, joinedAt, followersCount, followingCount,
//  postsCount, followedByMe, blockedByMe}
std::string profile_json(const ProfileView& view);
// {handle, displayName, avatar}: one row of a follower, following or block list.
std::string listed_user_json(const ListedUser& user);
// {contentRating, explicitOptIn, hiddenTags, hiddenCreators, digest, notifications, timezone}
std::string preferences_json(const Preferences& preferences);

}  // namespace sp::profile
