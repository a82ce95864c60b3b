#include "handlers/handlers.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/caching.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::notifications::handlers {
namespace {

constexpr std::size_t kMaxReadIds = 100;

Result<int64_t> caller(const http::Request& request) {
  if (!request.principal) return Error::unauthenticated("sign in first");
  return request.principal->user_id;
}

std::string unread_json(int64_t unread) {
  return JsonObject().integer("unreadCount", unread).str();
}

}  // namespace

// GET /v1/notifications?cursor=&limit=&unread=true
HandlerResult list(const NotificationsApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller(request));
  const auto unread_param = request.query_param("unread");
  if (unread_param && *unread_param != "true" && *unread_param != "false") {
    Error e = Error::invalid("unread must be true or false");
    e.fields.push_back({"unread", "must be true or false"});
    return e;
  }
  const bool unread_only = unread_param && *unread_param == "true";
  const std::string list_name =
      std::string(unread_only ? "notifications.unread:" : "notifications.all:") +
      std::to_string(me);
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      api.pager.read(request, list_name, {http::CursorKind::kInt}));
  std::optional<int64_t> before;
  if (!page.after.empty()) before = std::get<int64_t>(page.after[0]);
  SP_ASSIGN_OR_RETURN(InboxPage inbox, api.inbox.page(me, before, unread_only, page.limit));
  std::optional<std::string> next;
  if (inbox.rows.size() > page.limit && page.limit > 0) {
    next = api.pager.cursor(list_name, {inbox.rows[page.limit - 1].id});
  }
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& item : inbox.items) w.raw(item);
  w.end_array().key("next");
  if (next) {
    w.string(*next);
  } else {
    w.null();
  }
  w.key("unreadCount").integer(inbox.unread_count).end_object();
  http::Response response = http::Response::json(200, std::move(w).take());
  response.set_header("Cache-Control", http::private_cache(std::chrono::seconds(0)));
  return http::conditional_get(request, std::move(response));
}

// POST /v1/notifications/read {"ids":[...]} or {"all":true}
HandlerResult mark_read(const NotificationsApi& api, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t me, caller(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  const bool has_ids = body.presence("ids") != http::JsonFields::Presence::kAbsent;
  const bool all = body.optional_bool("all", false);
  std::vector<std::string> ids = body.optional_string_list(
      "ids", {.max_items = kMaxReadIds, .item = {.min_chars = 1, .max_chars = 20}});
  std::vector<int64_t> parsed;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto id = parse_id(ids[i]);
    if (!id) {
      body.reject("ids." + std::to_string(i), "is not a notification id");
    } else {
      parsed.push_back(*id);
    }
  }
  if (has_ids == all) body.reject(has_ids ? "all" : "ids", "send either ids or all: true");
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(int64_t unread,
                      all ? api.inbox.mark_all_read(me) : api.inbox.mark_read(me, parsed));
  return http::Response::json(200, unread_json(unread));
}

// POST /v1/notifications/push-subscriptions: Web Push is not built; refused clearly.
HandlerResult push_subscriptions(const NotificationsApi&, http::Request&) {
  return Error(ErrorCode::kNotSupported,
               "Web Push is not supported by this version; use the live stream "
               "(GET /v1/notifications/stream) or email");
}

// POST /v1/notifications/unsubscribe?token= (RFC 8058 one-click; no login: the token is signed)
HandlerResult unsubscribe(const NotificationsApi& api, http::Request& request) {
  auto token = request.query_param("token");
  if (!token || token->empty()) {
    Error e = Error::invalid("the unsubscribe token is missing");
    e.fields.push_back({"token", "is required"});
    return e;
  }
  SP_ASSIGN_OR_RETURN(std::string category, api.inbox.unsubscribe(*token));
  http::Response response = http::Response::json(
      200, JsonObject().boolean("unsubscribed", true).string("category", category).str());
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace sp::notifications::handlers
