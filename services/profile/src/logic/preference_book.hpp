#pragma once
// A user's preferences: what the feeds may show them (content rating, hidden tags, hidden
// creators), email digest, notification channels per category and time zone. Defaults apply
// until the user changes something. Changes publish profile.preferences_updated (the gallery
// keeps the viewer filters from it).
//
// Explicit content: contentRating "explicit" is accepted only when `explicitOptIn` is true, in
// the same PATCH or already stored. The opt-in is the user's own statement (sent as
// {"explicitOptIn": true}); turning it off while the rating is explicit is refused the same way.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "logic/profile_context.hpp"
#include "store/records.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::profile {

// A PATCH of preferences; absent members are unchanged. Shapes are checked by the handler.
struct PreferenceChange {
  std::optional<std::string> content_rating;
  std::optional<bool> explicit_opt_in;
  std::optional<std::vector<std::string>> hidden_tags;
  std::optional<std::vector<std::string>> hidden_creators;  // handles
  std::optional<std::string> digest;
  // category -> (inApp, email); absent channels unchanged.
  std::map<std::string, std::pair<std::optional<bool>, std::optional<bool>>> notifications;
  std::optional<std::string> timezone;
};

// The defaults: soft rating, no opt-in, nothing hidden, digest off, in-app on and email off in
// every category, UTC.
Preferences default_preferences();

class PreferenceBook {
 public:
  explicit PreferenceBook(const ProfileContext& ctx) : ctx_(ctx) {}

  // kNotFound when the user has no profile.
  Result<Preferences> get(int64_t user_id) const;
  // kInvalidArgument naming `hiddenCreators.N` for unknown handles and `contentRating` for
  // explicit without the opt-in; kNotFound when the user has no profile.
  Result<Preferences> update(int64_t user_id, const PreferenceChange& change);

 private:
  const ProfileContext& ctx_;
};

}  // namespace sp::profile
