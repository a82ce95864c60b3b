#include "logic/event_intake.hpp"

#include "strangeprompt/service/consumed_event.hpp"

namespace sp::profile {

Status take_signup(ProfileDirectory& profiles, const events::Record& record) {
  auto event = service::read_event("profile", record);
  if (!event) return ok_status();
  const int64_t user = event->data.required_id("userId");
  const std::string handle = event->data.required_string("handle", {.min_chars = 1});
  if (!service::valid("profile", record, event->data)) return ok_status();
  return profiles.on_signup(user, handle, event->occurred_at_ms);
}

Status take_user_deleted(ProfileDirectory& profiles, const events::Record& record) {
  auto event = service::read_event("profile", record);
  if (!event) return ok_status();
  const int64_t user = event->data.required_id("userId");
  if (!service::valid("profile", record, event->data)) return ok_status();
  return profiles.on_user_deleted(user, event->occurred_at_ms);
}

// The avatar variant: the narrowest WebP at least 256 px wide, else the widest WebP (an image
// under 256 px has only its own width).
Status take_media_processed(ProfileDirectory& profiles, const events::Record& record) {
  auto event = service::read_event("profile", record);
  if (!event) return ok_status();
  http::JsonBody& d = event->data;
  AvatarMedia media;
  media.media_id = d.required_id("mediaId");
  media.owner_id = d.required_id("ownerId");
  const bool ready = d.required_string("status") == "ready";
  const std::string moderation = d.optional_string("moderation").value_or("approved");
  std::optional<std::pair<int64_t, std::string>> best;
  for (http::JsonFields v : d.object_list("variants", {.max_items = 32})) {
    const std::string url = v.required_string("key", {.max_chars = 2048});
    const int64_t width = v.required_int("width", {.min = 1, .max = 1'000'000});
    const std::string type = v.required_string("contentType", {.max_chars = 100});
    if (type != "image/webp") continue;
    const bool better =
        !best || (best->first < 256 ? width > best->first : width >= 256 && width < best->first);
    if (better) best = std::pair{width, url};
  }
  if (!service::valid("profile", record, d)) return ok_status();
  media.usable = ready && moderation == "approved" && best.has_value();
  if (media.usable) media.url = best->second;
  media.updated_at_ms = event->occurred_at_ms;
  return profiles.on_media_processed(media);
}

Status take_post_published(ProfileDirectory& profiles, const events::Record& record) {
  auto event = service::read_event("profile", record);
  if (!event) return ok_status();
  const int64_t post = event->data.required_id("postId");
  const int64_t author = event->data.required_id("authorId");
  if (!service::valid("profile", record, event->data)) return ok_status();
  return profiles.on_post_published(post, author);
}

}  // namespace sp::profile
