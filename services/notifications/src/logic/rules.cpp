#include "logic/rules.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/json_writer.hpp"

namespace sp::notifications {
namespace {
namespace json = boost::json;

void read_channels(const json::object& o, Preferences& p) {
  for (const auto& [category, value] : o) {
    const json::object* c = value.if_object();
    if (c == nullptr) continue;
    Channels channels;
    if (const auto* b = c->if_contains("inApp"); b && b->is_bool()) channels.in_app = b->get_bool();
    if (const auto* b = c->if_contains("email"); b && b->is_bool()) channels.email = b->get_bool();
    p.channels[std::string(category)] = channels;
  }
}
}  // namespace

std::string_view category_of(std::string_view kind) {
  if (kind == "follow" || kind == "new_post") return "follows";
  if (kind == "like" || kind == "like_milestone") return "likes";
  if (kind == "comment") return "comments";
  if (kind == "remix") return "remixes";
  return "product";
}

bool in_app_allowed(const Preferences& preferences, std::string_view kind) {
  if (kind == "welcome") return true;
  auto it = preferences.channels.find(std::string(category_of(kind)));
  return it == preferences.channels.end() || it->second.in_app;
}

bool email_allowed(const Preferences& preferences, std::string_view category) {
  auto it = preferences.channels.find(std::string(category));
  return it != preferences.channels.end() && it->second.email;
}

const std::vector<int64_t>& like_milestones() {
  static const std::vector<int64_t> milestones{10, 50, 100, 500, 1000};
  return milestones;
}

std::optional<int64_t> milestone_reached(int64_t announced, int64_t like_count) {
  std::optional<int64_t> out;
  for (int64_t m : like_milestones()) {
    if (m > announced && like_count >= m) out = m;
  }
  return out;
}

std::vector<int64_t> with_actor(const std::vector<int64_t>& actors, int64_t actor) {
  std::vector<int64_t> out{actor};
  for (int64_t a : actors) {
    if (out.size() >= kMaxActors) break;
    if (a != actor) out.push_back(a);
  }
  return out;
}

std::string like_group(int64_t post_id) {
  return "like:" + std::to_string(post_id);
}

std::string item_json(const Notification& n, const std::vector<Actor>& actors) {
  JsonWriter w;
  w.begin_object();
  w.key("id").id(n.id).key("kind").string(n.kind);
  w.key("actors").begin_array();
  for (const Actor& a : actors) {
    w.begin_object();
    w.key("id").id(a.id).key("handle").string(a.handle).key("displayName").string(a.display_name);
    w.key("avatar");
    if (a.avatar) {
      w.string(*a.avatar);
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  w.key("actorCount").integer(n.actor_count);
  w.key("subject").begin_object();
  w.key("type")
      .string(n.subject_type)
      .key("id")
      .id(n.subject_id)
      .key("title")
      .string(n.subject_title);
  w.end_object();
  w.key("read").boolean(n.read).key("createdAt").time(n.created_at_ms);
  w.end_object();
  return std::move(w).take();
}

Preferences preferences_from_event(std::string_view data_json) {
  Preferences p;
  json::error_code ec;
  json::value v = json::parse(data_json, ec);
  if (ec || !v.is_object()) return p;
  const json::object& o = v.get_object();
  if (const auto* n = o.if_contains("notifications"); n && n->is_object()) {
    read_channels(n->get_object(), p);
  }
  if (const auto* d = o.if_contains("digest"); d && d->is_string()) {
    p.digest = std::string(d->get_string());
  }
  if (const auto* t = o.if_contains("timezone"); t && t->is_string()) {
    p.timezone = std::string(t->get_string());
  }
  return p;
}

std::string channels_json(const Preferences& p) {
  JsonWriter w;
  w.begin_object();
  for (const auto& [category, c] : p.channels) {
    w.key(category).begin_object();
    w.key("inApp").boolean(c.in_app).key("email").boolean(c.email);
    w.end_object();
  }
  w.end_object();
  return std::move(w).take();
}

Preferences preferences_from_row(std::string_view channels, std::string digest,
                                 std::string timezone) {
  Preferences p;
  json::error_code ec;
  json::value v = json::parse(channels, ec);
  if (!ec && v.is_object()) read_channels(v.get_object(), p);
  p.digest = std::move(digest);
  p.timezone = std::move(timezone);
  return p;
}

}  // namespace sp::notifications
