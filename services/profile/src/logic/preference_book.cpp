#include "logic/preference_book.hpp"

#include <algorithm>

#include "logic/profile_events.hpp"
#include "logic/profile_rules.hpp"
#include "logic/profiles.hpp"

namespace sp::profile {
namespace {

// Every category present: stored values over the defaults; unknown stored categories dropped.
void fill_categories(Preferences& p) {
  std::map<std::string, Channels> filled;
  for (const std::string& category : notification_categories()) {
    auto it = p.notifications.find(category);
    filled[category] = it != p.notifications.end() ? it->second : Channels{};
  }
  p.notifications = std::move(filled);
}

std::vector<std::string> normalised_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const std::string& tag : tags) {
    std::string t = normalise_tag(tag);
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

}  // namespace

Preferences default_preferences() {
  Preferences p;
  fill_categories(p);
  return p;
}

Result<Preferences> PreferenceBook::get(int64_t user_id) const {
  ProfileReads reads = ctx_.store.reads();
  SP_ASSIGN_OR_RETURN(std::optional<Profile> owner, reads.find_by_id(user_id));
  if (!owner) return Error::not_found("profile not found");
  SP_ASSIGN_OR_RETURN(std::optional<Preferences> stored, reads.preferences(user_id));
  Preferences out = stored ? std::move(*stored) : default_preferences();
  fill_categories(out);
  return out;
}

Result<Preferences> PreferenceBook::update(int64_t user_id, const PreferenceChange& change) {
  Preferences p;
  SP_TRY(ctx_.store.transact([&](ProfileWrites& tx) -> Status {
    SP_ASSIGN_OR_RETURN(bool exists, tx.lock_profile(user_id));
    if (!exists) return Error::not_found("profile not found");
    SP_ASSIGN_OR_RETURN(std::optional<Preferences> stored, tx.preferences(user_id));
    p = stored ? std::move(*stored) : default_preferences();
    fill_categories(p);
    Error invalid = Error::invalid("invalid preferences");
    if (change.content_rating) p.content_rating = *change.content_rating;
    if (change.explicit_opt_in) p.explicit_opt_in = *change.explicit_opt_in;
    if (p.content_rating == "explicit" && !p.explicit_opt_in) {
      invalid.fields.push_back({change.content_rating ? "contentRating" : "explicitOptIn",
                                "contentRating explicit needs explicitOptIn: true"});
    }
    if (change.hidden_tags) p.hidden_tags = normalised_tags(*change.hidden_tags);
    if (change.hidden_creators) {
      p.hidden_creator_ids.clear();
      p.hidden_creator_handles.clear();
      for (std::size_t i = 0; i < change.hidden_creators->size(); ++i) {
        SP_ASSIGN_OR_RETURN(std::optional<Profile> creator,
                            tx.find_by_handle(handle_key((*change.hidden_creators)[i])));
        if (!creator) {
          invalid.fields.push_back({"hiddenCreators." + std::to_string(i), "is not a known user"});
        } else if (std::find(p.hidden_creator_ids.begin(), p.hidden_creator_ids.end(),
                             creator->user_id) == p.hidden_creator_ids.end()) {
          p.hidden_creator_ids.push_back(creator->user_id);
          p.hidden_creator_handles.push_back(creator->handle);
        }
      }
    }
    if (!invalid.fields.empty()) return invalid;
    if (change.digest) p.digest = *change.digest;
    for (const auto& [category, channels] : change.notifications) {
      Channels& c = p.notifications[category];
      if (channels.first) c.in_app = *channels.first;
      if (channels.second) c.email = *channels.second;
    }
    if (change.timezone) p.timezone = *change.timezone;
    p.updated_at_ms = ctx_.now_ms();
    SP_TRY(tx.save_preferences(user_id, p));
    return tx.enqueue(preferences_updated_event(ctx_, user_id, p));
  }));
  return p;
}

}  // namespace sp::profile
