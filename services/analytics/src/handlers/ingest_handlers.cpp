#include <string>
#include <vector>

#include "handlers/handlers.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::analytics::handlers {
namespace {

enum class EventType { kView };

}  // namespace

// POST /v1/analytics/events {"events":[{"type":"view","postId","visitorId"}]} (auth optional)
HandlerResult post_events(const AnalyticsApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request, kMaxBeaconBytes));
  if (body.presence("events") != http::JsonFields::Presence::kPresent) {
    body.reject("events", "is required");
  }
  std::vector<http::JsonFields> items =
      body.object_list("events", http::ListRule{.max_items = kMaxBeaconEvents});
  std::vector<BeaconView> views;
  views.reserve(items.size());
  const std::optional<int64_t> user =
      request.principal ? std::optional<int64_t>(request.principal->user_id) : std::nullopt;
  for (http::JsonFields& item : items) {
    (void)item.required_enum<EventType>("type", {{"view", EventType::kView}});
    const int64_t post = item.required_id("postId");
    std::optional<std::string> visitor =
        item.optional_string("visitorId", http::TextRule{.min_chars = 8, .max_chars = 64});
    if (!user && item.presence("visitorId") != http::JsonFields::Presence::kPresent) {
      item.reject("visitorId", "is required when not signed in");
    }
    views.push_back(
        BeaconView{post, user ? "u:" + std::to_string(*user) : "v:" + visitor.value_or("")});
  }
  SP_TRY(body.finish());
  if (views.empty()) {
    Error e = Error::invalid("invalid request body");
    e.fields.push_back({"events", "must hold at least one event"});
    return e;
  }
  SP_ASSIGN_OR_RETURN(int64_t accepted,
                      api.intake.accept(http::client_info(request).address, views));
  return http::Response::json(202, JsonObject().integer("accepted", accepted).str());
}

}  // namespace sp::analytics::handlers
