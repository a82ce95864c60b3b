#pragma once
// The profile service's rows, engine-neutral.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sp::profile {

struct Profile {
  int64_t user_id = 0;
  std::string handle;
  std::string display_name;
  std::string bio;
  std::optional<int64_t> avatar;          // a media id
  std::optional<std::string> avatar_url;  // its variant's URL while the media may be shown
  std::vector<std::string> links;
  int64_t followers_count = 0;
  int64_t following_count = 0;
  int64_t posts_count = 0;
  int64_t joined_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// One row of a follower, following or block list: the other user and the edge's sort keys.
struct ListedUser {
  int64_t edge_id = 0;
  int64_t edge_created_at_ms = 0;
  std::string handle;
  std::string display_name;
  std::optional<int64_t> avatar;
  std::optional<std::string> avatar_url;
};

// What media.processed said about a media an avatar may name.
struct AvatarMedia {
  int64_t media_id = 0;
  int64_t owner_id = 0;
  bool usable = false;             // ready and moderation-approved
  std::optional<std::string> url;  // the variant profiles render
  int64_t updated_at_ms = 0;       // the event's time
};

// The sort keys of the last row of a previous page: (created_at, id) of the edge.
struct EdgeKey {
  int64_t created_at_ms = 0;
  int64_t id = 0;
};

// Where a viewer stands towards another user.
struct Relation {
  bool following = false;   // viewer follows other
  bool blocking = false;    // viewer blocked other
  bool blocked_by = false;  // other blocked viewer
};

struct Channels {
  bool in_app = true;
  bool email = false;
  friend bool operator==(const Channels&, const Channels&) = default;
};

struct Preferences {
  std::string content_rating = "soft";  // none | soft | mature | explicit
  bool explicit_opt_in = false;
  std::vector<std::string> hidden_tags;
  std::vector<int64_t> hidden_creator_ids;
  std::vector<std::string> hidden_creator_handles;  // read only: the ids' current handles
  std::string digest = "off";                       // off | daily | weekly
  std::map<std::string, Channels> notifications;    // every category, defaults filled in
  std::string timezone = "UTC";
  int64_t updated_at_ms = 0;
};

}  // namespace sp::profile
