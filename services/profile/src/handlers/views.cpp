#include "handlers/views.hpp"

#include "strangeprompt/core/json_writer.hpp"

namespace sp::profile {
namespace {

// `avatar` (the media id) and `avatarUrl` (its variant while the media may be shown, else null).
void avatar(JsonWriter& w, const std::optional<int64_t>& media_id,
            const std::optional<std::string>& url) {
  w.key("avatar");
  if (media_id) {
    w.id(*media_id);
  } else {
    w.null();
  }
  w.key("avatarUrl");
  if (media_id && url) {
    w.string(*url);
  } else {
    w.null();
  }
}

}  // namespace

std::string profile_json(const ProfileView& view) {
  const Profile& p = view.profile;
  JsonWriter w;
  w.begin_object();
  w.key("id").id(p.user_id);
  w.key("handle").string(p.handle);
  w.key("displayName").string(p.display_name);
  w.key("bio").string(p.bio);
  avatar(w, p.avatar, p.avatar_url);
  w.key("links").strings(p.links);
  w.key("joinedAt").time(p.joined_at_ms);
  w.key("followersCount").integer(p.followers_count);
  w.key("followingCount").integer(p.following_count);
  w.key("postsCount").integer(p.posts_count);
  w.key("followedByMe").boolean(view.relation && view.relation->following);
  w.key("blockedByMe").boolean(view.relation && view.relation->blocking);
  w.end_object();
  return std::move(w).take();
}

std::string listed_user_json(const ListedUser& user) {
  JsonWriter w;
  w.begin_object();
  w.key("handle").string(user.handle);
  w.key("displayName").string(user.display_name);
  avatar(w, user.avatar, user.avatar_url);
  w.end_object();
  return std::move(w).take();
}

std::string preferences_json(const Preferences& p) {
  JsonWriter w;
  w.begin_object();
  w.key("contentRating").string(p.content_rating);
  w.key("explicitOptIn").boolean(p.explicit_opt_in);
  w.key("hiddenTags").strings(p.hidden_tags);
  w.key("hiddenCreators").strings(p.hidden_creator_handles);
  w.key("digest").string(p.digest);
  w.key("notifications").begin_object();
  for (const auto& [category, channels] : p.notifications) {
    w.key(category).begin_object();
    w.key("inApp").boolean(channels.in_app).key("email").boolean(channels.email);
    w.end_object();
  }
  w.end_object();
  w.key("timezone").string(p.timezone);
  w.end_object();
  return std::move(w).take();
}

}  // namespace sp::profile
