#pragma once
// The request pipeline as plain functions (no sockets): ids, auth, scope checks, the handler, and
// the problem responses the server sends on its own. Connection (connection.cpp, dispatch.cpp)
// calls these; tests call them too.
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp::http {

// Sets request.request_id (a sane incoming x-request-id, else fresh) and request.trace_id (from a
// valid traceparent, else fresh); writes the traceparent to send back (our own span id).
void assign_request_ids(Request& request, std::string& traceparent_out);

// True when the route's work must leave the I/O thread: blocking handlers, and authentication
// (the Authenticator may block).
bool needs_worker(const Route& route, const Request& request, bool has_authenticator);

// The route's policy alone: authenticates (sets request.principal), checks API-key use and
// scopes. nullopt when the request may proceed, else the refusal (401/403 problem+json, or the
// authenticator's error).
std::optional<Response> authorize(const Route& route, Request& request,
                                  const Authenticator& authenticator);

// Authenticates, checks scopes, runs the handler with the thread's LogContext set. Never throws:
// a throwing handler is logged and becomes a 500 problem. `authorized`: authorize() already
// passed for this request (RouteOptions::authorize_before_body), so it is not run again.
Response run_route(const Route& route, Request& request, const Authenticator& authenticator,
                   std::string_view service, bool authorized = false);

// The route's inline_answer for a request without credentials, when it has one and gives an
// answer; nullopt otherwise (the request then goes to a worker). Never throws.
std::optional<Response> try_inline_answer(const Route& route, Request& request,
                                          const Authenticator& authenticator);

// The route label for metrics and access logs: the route name, or "unmatched".
std::string_view route_label(const Route* route);

// A problem+json for a status no ErrorCode maps to (405, 431): type about:blank.
Response status_problem(int status, std::string_view detail);
Response not_found_problem();
Response method_not_allowed_problem(std::string allow);
Response payload_too_large_problem();
Response header_too_large_problem();
Response bad_request_problem();
// 503 + Retry-After for a job refused (full queue) or dropped before it started: nothing was done.
Response worker_pool_full_problem();

}  // namespace sp::http
