#include "logic/event_intake.hpp"

#include "logic/rules.hpp"
#include "strangeprompt/service/consumed_event.hpp"

namespace sp::notifications {
namespace {

constexpr std::string_view kService = "notifications";

// The event and its meta (the dedup id is topic-qualified: ids are unique per producer).
struct Taken {
  service::ConsumedEvent event;
  EventMeta meta;
};

std::optional<Taken> take(const events::Record& record) {
  auto event = service::read_event(kService, record);
  if (!event) return std::nullopt;
  EventMeta meta{.event_id = record.topic + ":" + event->id,
                 .occurred_at_ms = event->occurred_at_ms};
  return Taken{std::move(*event), std::move(meta)};
}

bool valid(const events::Record& record, const Taken& t) {
  return service::valid(kService, record, t.event.data);
}

}  // namespace

Status take_signup(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  const int64_t user = d.required_id("userId");
  const std::string handle = d.required_string("handle");
  const std::string email = d.optional_string("email").value_or("");
  const std::string token = d.optional_string("verificationToken").value_or("");
  if (!valid(r, *t)) return ok_status();
  return s.on_signup(t->meta, user, handle, email, token);
}

Status take_password_reset(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  const int64_t user = d.required_id("userId");
  const std::string email = d.required_string("email");
  const std::string token = d.required_string("resetToken");
  const std::string handle = d.optional_string("handle").value_or("");
  if (!valid(r, *t)) return ok_status();
  return s.on_password_reset(t->meta, user, handle, email, token);
}

Status take_profile_updated(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  Actor actor;
  actor.id = d.required_id("userId");
  actor.handle = d.required_string("handle");
  actor.display_name = d.optional_string("displayName").value_or(actor.handle);
  actor.avatar = d.optional_string("avatar");
  if (!valid(r, *t)) return ok_status();
  return s.on_profile_updated(t->meta, actor);
}

Status take_preferences(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  const int64_t user = t->event.data.required_id("userId");
  if (!valid(r, *t)) return ok_status();
  return s.on_preferences(t->meta, user, preferences_from_event(t->event.data_json));
}

Status take_follow(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  const int64_t follower = d.required_id("followerId");
  const int64_t followee = d.required_id("followeeId");
  const bool following = d.optional_bool("following", r.topic == "profile.followed");
  if (!valid(r, *t)) return ok_status();
  return s.on_follow(t->meta, follower, followee, following);
}

Status take_like(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  const int64_t post = d.required_id("postId");
  const int64_t liker = d.required_id("userId");
  const int64_t author = d.required_id("authorId");
  const bool liked = d.required_bool("liked");
  if (!valid(r, *t)) return ok_status();
  return s.on_like(t->meta, post, liker, author, liked);
}

Status take_comment(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  const int64_t post = d.required_id("postId");
  const int64_t author = d.required_id("authorId");
  const int64_t post_author = d.required_id("postAuthorId");
  if (!valid(r, *t)) return ok_status();
  return s.on_comment(t->meta, post, author, post_author);
}

Status take_post_published(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  http::JsonBody& d = t->event.data;
  const int64_t post = d.required_id("postId");
  const int64_t author = d.required_id("authorId");
  const std::string title = d.optional_string("title").value_or("");
  const std::optional<int64_t> remix_of = d.optional_id("remixOf");
  if (!valid(r, *t)) return ok_status();
  return s.on_post_published(t->meta, post, author, title, remix_of);
}

Status take_post_views(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  const int64_t post = t->event.data.required_id("postId");
  const int64_t views = t->event.data.required_int("views");
  if (!valid(r, *t)) return ok_status();
  return s.on_post_views(t->meta, post, views);
}

Status take_user_deleted(NotificationSources& s, const events::Record& r) {
  auto t = take(r);
  if (!t) return ok_status();
  const int64_t user = t->event.data.required_id("userId");
  if (!valid(r, *t)) return ok_status();
  return s.on_user_deleted(t->meta, user);
}

}  // namespace sp::notifications
