#pragma once
// The notifications service's rows, engine-neutral.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sp::notifications {

struct Notification {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind;  // follow | like | like_milestone | comment | remix | new_post | welcome
  std::string subject_type;  // post | user
  int64_t subject_id = 0;
  std::string subject_title;
  std::vector<int64_t> actor_ids;  // newest first, at most kMaxActors
  int64_t actor_count = 0;
  std::optional<std::string> group_key;  // set on notifications that aggregate while unread
  bool read = false;
  int64_t created_at_ms = 0;
};

// Our copy of a user (from user.signup and profile.updated).
struct Actor {
  int64_t id = 0;
  std::string handle;
  std::string display_name;
  std::optional<std::string> avatar;  // a media id
};

struct Channels {
  bool in_app = true;
  bool email = false;
};

// From profile.preferences_updated; defaults until one arrives.
struct Preferences {
  std::map<std::string, Channels> channels;  // category -> channels; absent = defaults
  std::string digest = "off";                // off | daily | weekly
  std::string timezone = "UTC";
  int64_t digest_since_ms = 0;  // when the digest frequency was last changed (digests start after)
};

// A user with a digest on.
struct DigestSubscriber {
  int64_t user_id = 0;
  std::string digest;  // daily | weekly
  std::string timezone;
  int64_t since_ms = 0;
};

struct DigestPost {
  int64_t post_id = 0;
  std::string title;
  int64_t likes = 0;
};

// What a digest says for one user and period.
struct DigestStats {
  int64_t new_followers = 0;
  int64_t likes = 0;                      // likes on the user's posts during the period
  int64_t views_total = 0;                // analytics' running totals over the user's posts, now
  int64_t views_in_period = 0;            // views_total minus the total at the previous digest
  std::vector<DigestPost> top_new_posts;  // from creators the user follows, most liked first
};

struct PostFacts {
  int64_t post_id = 0;
  int64_t author_id = 0;
  std::string title;
  int64_t like_count = 0;
  int64_t milestone = 0;  // the highest like milestone announced
};

struct OutboxMail {
  int64_t id = 0;
  std::string dedupe_key;  // "<event id>:<user>:email"
  int64_t user_id = 0;
  std::string from_address;
  std::string to_address;
  std::string message;  // rendered RFC 5322 text
  int64_t attempts = 0;
  int64_t created_at_ms = 0;
};

}  // namespace sp::notifications
