#include "logic/profile_events.hpp"

#include <string>

#include "strangeprompt/core/json_writer.hpp"

namespace sp::profile {
namespace {

events::Envelope envelope(const ProfileContext& ctx, std::string_view type, int64_t key,
                          int64_t at_ms, std::string data) {
  return events::Envelope{.id = id_to_string(ctx.ids.next()),
                          .type = std::string(type),
                          .version = 1,
                          .occurred_at_ms = at_ms,
                          .key = id_to_string(key),
                          .data_json = std::move(data)};
}

std::vector<std::string> id_strings(const std::vector<int64_t>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(id_to_string(id));
  return out;
}

// {"<category>":{"inApp","email"}}: what the notifications service needs of the preferences.
std::string channels_json(const std::map<std::string, Channels>& notifications) {
  JsonWriter w;
  w.begin_object();
  for (const auto& [category, channels] : notifications) {
    w.key(category).begin_object();
    w.key("inApp").boolean(channels.in_app).key("email").boolean(channels.email);
    w.end_object();
  }
  w.end_object();
  return std::move(w).take();
}

}  // namespace

events::Envelope profile_updated_event(const ProfileContext& ctx, const Profile& p) {
  JsonObject data;
  data.id("userId", p.user_id).string("handle", p.handle).string("displayName", p.display_name);
  if (p.avatar) {
    data.id("avatar", *p.avatar);
  } else {
    data.null("avatar");
  }
  if (p.avatar && p.avatar_url) {
    data.string("avatarUrl", *p.avatar_url);
  } else {
    data.null("avatarUrl");
  }
  data.string("bio", p.bio).strings("links", p.links).time("updatedAt", p.updated_at_ms);
  return envelope(ctx, kProfileUpdatedTopic, p.user_id, p.updated_at_ms, std::move(data).take());
}

events::Envelope preferences_updated_event(const ProfileContext& ctx, int64_t user_id,
                                           const Preferences& p) {
  std::string data = JsonObject()
                         .id("userId", user_id)
                         .string("contentRating", p.content_rating)
                         .strings("hiddenTags", p.hidden_tags)
                         .strings("hiddenCreatorIds", id_strings(p.hidden_creator_ids))
                         .time("updatedAt", p.updated_at_ms)
                         .raw("notifications", channels_json(p.notifications))
                         .string("digest", p.digest)
                         .string("timezone", p.timezone)
                         .str();
  return envelope(ctx, kPreferencesUpdatedTopic, user_id, p.updated_at_ms, std::move(data));
}

events::Envelope follow_event(const ProfileContext& ctx, int64_t follower, int64_t followee,
                              bool following) {
  std::string data = JsonObject()
                         .id("followerId", follower)
                         .id("followeeId", followee)
                         .boolean("following", following)
                         .str();
  // Keyed by the followee, as profile.followed v1 documents.
  return envelope(ctx, following ? kFollowedTopic : kUnfollowedTopic, followee, ctx.now_ms(),
                  std::move(data));
}

events::Envelope block_event(const ProfileContext& ctx, int64_t blocker, int64_t blocked,
                             bool blocking) {
  const int64_t now = ctx.now_ms();
  std::string data =
      JsonObject().id("blockerId", blocker).id("blockedId", blocked).time("at", now).str();
  return envelope(ctx, blocking ? kBlockedTopic : kUnblockedTopic, blocker, now, std::move(data));
}

}  // namespace sp::profile
