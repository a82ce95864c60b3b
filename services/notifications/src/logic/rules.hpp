#pragma once
// Pure rules of the inbox: which preference category a kind belongs to, like milestones, how an
// aggregated notification takes a new actor, and the inbox item JSON (the same text the list and
// the live stream send).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.hpp"

namespace sp::notifications {

inline constexpr std::size_t kMaxActors = 3;  // actors listed on one item; actorCount has all

// The profile preference category of a notification kind ("follows", "likes", ...).
std::string_view category_of(std::string_view kind);
// Whether the in-app channel of the kind's category is on (welcome always is).
bool in_app_allowed(const Preferences& preferences, std::string_view kind);
bool email_allowed(const Preferences& preferences, std::string_view category);

// The like milestones (10, 50, 100, 500, 1,000).
const std::vector<int64_t>& like_milestones();
// The highest milestone above `announced` that `like_count` reached; nullopt when none.
std::optional<int64_t> milestone_reached(int64_t announced, int64_t like_count);

// `actor` first, then the others (without a repeat of it), at most kMaxActors.
std::vector<int64_t> with_actor(const std::vector<int64_t>& actors, int64_t actor);

// The group key aggregating likes on one post ("like:<postId>").
std::string like_group(int64_t post_id);

// One inbox item: {"id","kind","actors":[{"id","handle","displayName","avatar"}],"actorCount",
// "subject":{"type","id","title"},"read","createdAt"}. Actors we know nothing of are left out.
std::string item_json(const Notification& n, const std::vector<Actor>& actors);

// The preferences carried by profile.preferences_updated's optional members; `text` is the
// event's data object.
Preferences preferences_from_event(std::string_view data_json);
std::string channels_json(const Preferences& p);
Preferences preferences_from_row(std::string_view channels_json, std::string digest,
                                 std::string timezone);

}  // namespace sp::notifications
