// The live stream: a ticket for browsers (EventSource cannot send headers), and the stream
// itself. The ticket travels in the query string, which the access log never records (it logs
// the path only).
#include "handlers/handlers.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/event_stream.hpp"
#include "strangeprompt/security/scopes.hpp"

namespace sp::notifications::handlers {

// POST /v1/notifications/stream-ticket (bearer) -> 201 {"ticket","expiresIn"}
HandlerResult stream_ticket(const NotificationsApi& api, http::Request& request) {
  if (!request.principal) return Error::unauthenticated("sign in first");
  SP_ASSIGN_OR_RETURN(std::string ticket, api.inbox.issue_ticket(request.principal->user_id));
  http::Response response = http::Response::json(
      201, JsonObject().string("ticket", ticket).integer("expiresIn", kTicketTtlMs / 1000).str());
  response.set_header("Cache-Control", "no-store");
  return response;
}

// GET /v1/notifications/stream?ticket=  (or an Authorization header); Last-Event-ID resumes, or
// the `lastEventId` query parameter (a browser's EventSource cannot send the header on a new
// connection, and a ticket is single use, so a reconnect is always a new connection).
HandlerResult stream(const NotificationsApi& api, http::Request& request) {
  int64_t user = 0;
  if (request.principal) {
    if (!request.principal->has_scope(security::scopes::kNotificationsRead)) {
      return Error::forbidden("the token lacks the notifications:read scope");
    }
    user = request.principal->user_id;
  } else {
    auto ticket = request.query_param("ticket");
    if (!ticket || ticket->empty()) {
      return Error::unauthenticated("send an Authorization header or a stream ticket");
    }
    SP_ASSIGN_OR_RETURN(user, api.inbox.redeem_ticket(*ticket));
  }
  std::optional<int64_t> last;
  const std::string_view header = request.header("last-event-id");
  const std::optional<std::string> param = request.query_param("lastEventId");
  if (!header.empty() || param) {
    const std::string_view field = !header.empty() ? "Last-Event-ID" : "lastEventId";
    last = parse_id(!header.empty() ? header : std::string_view(*param));
    if (!last) {
      Error e = Error::invalid(std::string(field) + " is not a notification id");
      e.fields.push_back({std::string(field), "is not a notification id"});
      return e;
    }
  }
  SP_ASSIGN_OR_RETURN(std::shared_ptr<http::EventStream> stream, api.inbox.open_stream(user, last));
  return http::Response::event_stream(std::move(stream));
}

}  // namespace sp::notifications::handlers
