#include <string_view>

#include "handlers/handlers.hpp"
#include "handlers/views.hpp"
#include "logic/profile_rules.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::profile::handlers {
namespace {

using Presence = http::JsonFields::Presence;

// A boolean member that may be absent (nullopt); a wrong type is recorded by the reader.
std::optional<bool> maybe_bool(http::JsonFields& fields, std::string_view name) {
  if (fields.presence(name) == Presence::kAbsent) return std::nullopt;
  return fields.required_bool(name);
}

std::optional<std::vector<std::string>> maybe_list(http::JsonFields& fields, std::string_view name,
                                                   http::ListRule rule) {
  if (fields.presence(name) == Presence::kAbsent) return std::nullopt;
  return fields.optional_string_list(name, rule);
}

std::optional<std::string> maybe_choice(http::JsonFields& fields, std::string_view name,
                                        http::Choices<std::string_view> choices) {
  auto picked = fields.optional_enum<std::string_view>(name, choices);
  return picked ? std::optional<std::string>(*picked) : std::nullopt;
}

// notifications: {category: {inApp?, email?}}; unknown categories are refused by finish().
void read_notifications(http::JsonFields& body, PreferenceChange& change) {
  std::optional<http::JsonFields> notifications = body.optional_object("notifications");
  if (!notifications) return;
  for (const std::string& category : notification_categories()) {
    std::optional<http::JsonFields> channels = notifications->optional_object(category);
    if (!channels) continue;
    change.notifications[category] = {maybe_bool(*channels, "inApp"),
                                      maybe_bool(*channels, "email")};
  }
}

}  // namespace

// GET /v1/profiles/me/preferences
HandlerResult get_preferences(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_ASSIGN_OR_RETURN(Preferences preferences, api.preferences.get(me));
  http::Response response = http::Response::json(200, preferences_json(preferences));
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

// PATCH /v1/profiles/me/preferences: absent members unchanged.
HandlerResult patch_preferences(const ProfileApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller_id(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  PreferenceChange change;
  change.content_rating = maybe_choice(
      body, "contentRating",
      {{"none", "none"}, {"soft", "soft"}, {"mature", "mature"}, {"explicit", "explicit"}});
  change.explicit_opt_in = maybe_bool(body, "explicitOptIn");
  change.hidden_tags = maybe_list(
      body, "hiddenTags",
      {.max_items = kMaxHiddenTags, .item = {.min_chars = 1, .max_chars = kMaxTagChars}});
  change.hidden_creators =
      maybe_list(body, "hiddenCreators",
                 {.max_items = kMaxHiddenCreators, .item = {.min_chars = 1, .max_chars = 64}});
  change.digest =
      maybe_choice(body, "digest", {{"off", "off"}, {"daily", "daily"}, {"weekly", "weekly"}});
  read_notifications(body, change);
  change.timezone = body.optional_string("timezone", {.min_chars = 1, .max_chars = 64});
  if (change.timezone && !is_time_zone(*change.timezone)) {
    body.reject("timezone", "is not an IANA time zone name");
  }
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(Preferences updated, api.preferences.update(me, change));
  return http::Response::json(200, preferences_json(updated));
}

}  // namespace sp::profile::handlers
