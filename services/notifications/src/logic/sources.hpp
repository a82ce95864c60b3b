#pragma once
// The notification sources: what each consumed event does to our copies (users, follows,
// preferences, posts, likes) and which notifications it writes. Each call handles one event in
// one transaction, at most once per event id (redeliveries are no-ops), then signals the live hub
// for the recipients. Kinds: follow, like (aggregated per post while unread), like_milestone,
// comment, remix, new_post (fan-out to the creator's followers), welcome.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/inbox_context.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::notifications {

struct EventMeta {
  std::string event_id;
  int64_t occurred_at_ms = 0;
};

class NotificationSources {
 public:
  explicit NotificationSources(const InboxContext& ctx) : ctx_(ctx) {}

  // Welcome notification, and the verification mail when the event carries a token.
  Status on_signup(const EventMeta& e, int64_t user, std::string_view handle,
                   std::string_view email, std::string_view verification_token);
  // The reset mail (no notification).
  Status on_password_reset(const EventMeta& e, int64_t user, std::string_view handle,
                           std::string_view email, std::string_view reset_token);
  Status on_profile_updated(const EventMeta& e, const Actor& actor);
  Status on_preferences(const EventMeta& e, int64_t user, const Preferences& preferences);
  Status on_follow(const EventMeta& e, int64_t follower, int64_t followee, bool following);
  Status on_like(const EventMeta& e, int64_t post, int64_t liker, int64_t author, bool liked);
  Status on_comment(const EventMeta& e, int64_t post, int64_t commenter, int64_t post_author);
  Status on_post_published(const EventMeta& e, int64_t post, int64_t author, std::string_view title,
                           std::optional<int64_t> remix_of);
  // analytics.post_views (contract C1): the post's running view total, for digests.
  Status on_post_views(const EventMeta& e, int64_t post, int64_t views);
  Status on_user_deleted(const EventMeta& e, int64_t user);

 private:
  // Runs `body` in one transaction unless the event was seen; then signals `recipients`.
  Status handle_once(const EventMeta& e,
                     const std::function<Status(NotificationWrites&, std::vector<int64_t>&)>& body);
  Notification make(int64_t user, std::string_view kind, std::string_view subject_type,
                    int64_t subject_id, std::string title, std::vector<int64_t> actors,
                    int64_t actor_count);
  const InboxContext& ctx_;
};

}  // namespace sp::notifications
