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

Status take_post_published(ProfileDirectory& profiles, const events::Record& record) {
  auto event = service::read_event("profile", record);
  if (!event) return ok_status();
  const int64_t post = event->data.required_id("postId");
  const int64_t author = event->data.required_id("authorId");
  if (!service::valid("profile", record, event->data)) return ok_status();
  return profiles.on_post_published(post, author);
}

}  // namespace sp::profile
