#pragma once
// Profiles: made from user.signup, read by handle, edited by their owner, counted from gallery
// posts, removed on user.deleted. Every change goes out as profile.updated in its transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/profile_context.hpp"
#include "store/records.hpp"
#include "strangeprompt/core/patch.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::profile {

struct ProfileView {
  Profile profile;
  std::optional<Relation> relation;  // set for a signed-in viewer other than the owner
};

// A PATCH of the owner's profile; values already checked for shape (lengths, URL syntax).
struct ProfileChange {
  Patch<std::string> display_name;  // clear: back to the handle
  Patch<std::string> bio;
  Patch<int64_t> avatar;
  Patch<std::vector<std::string>> links;
};

class ProfileDirectory {
 public:
  explicit ProfileDirectory(const ProfileContext& ctx) : ctx_(ctx) {}

  // kNotFound when no profile has this handle (compared lower-case).
  Result<ProfileView> view(std::string_view handle, std::optional<int64_t> viewer) const;
  // The caller's own profile; kNotFound before user.signup reached this service.
  Result<ProfileView> view_own(int64_t user_id) const;
  // Applies the change and publishes profile.updated; kNotFound as view_own. An avatar must name
  // a media of the user's that media.processed reported ready and approved (kInvalidArgument
  // with the field `avatar` otherwise: unknown, someone else's, failed, rejected or in review).
  Result<Profile> update(int64_t user_id, const ProfileChange& change);

  // user.signup: creates the profile (display name = handle) and publishes profile.updated, once;
  // nothing for a user already deleted.
  Status on_signup(int64_t user_id, std::string_view handle, int64_t joined_at_ms);
  // media.processed: what an avatar may name (a newer state wins; a redelivery changes nothing).
  Status on_media_processed(const AvatarMedia& media);
  // gallery.post.published: one more post for the author, once per post.
  Status on_post_published(int64_t post_id, int64_t author_id);
  // user.deleted: the profile, its follows (the other side's counts adjusted), blocks and
  // preferences go; idempotent.
  Status on_user_deleted(int64_t user_id, int64_t deleted_at_ms);

 private:
  const ProfileContext& ctx_;
};

// The stored form of a handle in a path: lower-case, trimmed.
std::string handle_key(std::string_view handle);

}  // namespace sp::profile
