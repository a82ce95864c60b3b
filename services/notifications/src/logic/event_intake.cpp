#include "logic/event_intake.hpp"

#include <boost/json.hpp>

#include "logic/rules.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::notifications {
namespace {

namespace json = boost::json;

struct Parsed {
  EventMeta meta;
  json::object data;
  std::string data_json;
};

std::optional<Parsed> parse(const events::Record& record) {
  Result<events::Envelope> envelope = events::Envelope::parse(record.payload);
  json::error_code ec;
  json::value data = envelope.ok() ? json::parse(envelope->data_json, ec) : json::value();
  if (!envelope.ok() || ec || !data.is_object() || envelope->id.empty()) {
    log_warn("notifications", "skipping a malformed event",
             {{"topic", record.topic}, {"offset", std::to_string(record.offset)}});
    return std::nullopt;
  }
  return Parsed{.meta = {.event_id = record.topic + ":" + envelope->id,
                         .occurred_at_ms = envelope->occurred_at_ms},
                .data = std::move(data.get_object()),
                .data_json = std::move(envelope->data_json)};
}

std::optional<std::string> text(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<int64_t> id(const json::object& o, std::string_view name) {
  auto t = text(o, name);
  return t ? parse_id(*t) : std::nullopt;
}

std::optional<bool> flag(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

Status skip(const events::Record& record, std::string_view why) {
  log_warn("notifications", "skipping an event",
           {{"topic", record.topic},
            {"offset", std::to_string(record.offset)},
            {"reason", std::string(why)}});
  return ok_status();
}

}  // namespace

Status take_signup(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto user = id(p->data, "userId");
  auto handle = text(p->data, "handle");
  if (!user || !handle || handle->empty()) return skip(r, "no userId or handle");
  return s.on_signup(p->meta, *user, *handle, text(p->data, "email").value_or(""),
                     text(p->data, "verificationToken").value_or(""));
}

Status take_password_reset(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto user = id(p->data, "userId");
  auto email = text(p->data, "email");
  auto token = text(p->data, "resetToken");
  if (!user || !email || !token) return skip(r, "no userId, email or resetToken");
  return s.on_password_reset(p->meta, *user, text(p->data, "handle").value_or(""), *email, *token);
}

Status take_profile_updated(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto user = id(p->data, "userId");
  auto handle = text(p->data, "handle");
  if (!user || !handle) return skip(r, "no userId or handle");
  return s.on_profile_updated(p->meta,
                              Actor{.id = *user,
                                    .handle = *handle,
                                    .display_name = text(p->data, "displayName").value_or(*handle),
                                    .avatar = text(p->data, "avatar")});
}

Status take_preferences(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto user = id(p->data, "userId");
  if (!user) return skip(r, "no userId");
  return s.on_preferences(p->meta, *user, preferences_from_event(p->data_json));
}

Status take_follow(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto follower = id(p->data, "followerId");
  auto followee = id(p->data, "followeeId");
  if (!follower || !followee) return skip(r, "no followerId or followeeId");
  bool following = flag(p->data, "following").value_or(r.topic == "profile.followed");
  return s.on_follow(p->meta, *follower, *followee, following);
}

Status take_like(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto post = id(p->data, "postId");
  auto liker = id(p->data, "userId");
  auto author = id(p->data, "authorId");
  auto liked = flag(p->data, "liked");
  if (!post || !liker || !author || !liked) return skip(r, "incomplete like");
  return s.on_like(p->meta, *post, *liker, *author, *liked);
}

Status take_comment(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto post = id(p->data, "postId");
  auto author = id(p->data, "authorId");
  auto post_author = id(p->data, "postAuthorId");
  if (!post || !author || !post_author) return skip(r, "incomplete comment");
  return s.on_comment(p->meta, *post, *author, *post_author);
}

Status take_post_published(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto post = id(p->data, "postId");
  auto author = id(p->data, "authorId");
  if (!post || !author) return skip(r, "no postId or authorId");
  return s.on_post_published(p->meta, *post, *author, text(p->data, "title").value_or(""),
                             id(p->data, "remixOf"));
}

Status take_post_views(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto post = id(p->data, "postId");
  const json::value* views = p->data.if_contains("views");
  if (!post || views == nullptr || !views->is_int64()) return skip(r, "no postId or views");
  return s.on_post_views(p->meta, *post, views->get_int64());
}

Status take_user_deleted(NotificationSources& s, const events::Record& r) {
  auto p = parse(r);
  if (!p) return ok_status();
  auto user = id(p->data, "userId");
  if (!user) return skip(r, "no userId");
  return s.on_user_deleted(p->meta, *user);
}

}  // namespace sp::notifications
