// Request pipeline steps that do no I/O.
#include "pipeline.hpp"

#include <exception>

#include "problem_body.hpp"
#include "strangeprompt/core/log.hpp"
#include "trace_context.hpp"

namespace sp::http {

namespace {

// Sets the thread's log context for the handler's duration and restores the previous one.
// Assigns into the thread's strings (their capacity is reused); copies only when nested.
class ScopedLogContext {
 public:
  explicit ScopedLogContext(const Request& request) : ctx_(LogContext::current()) {
    nested_ = !ctx_.trace_id.empty() || !ctx_.request_id.empty();
    if (nested_) {
      saved_trace_ = ctx_.trace_id;
      saved_request_ = ctx_.request_id;
    }
    ctx_.trace_id.assign(request.trace_id);
    ctx_.request_id.assign(request.request_id);
  }
  ~ScopedLogContext() {
    if (nested_) {
      ctx_.trace_id.assign(saved_trace_);
      ctx_.request_id.assign(saved_request_);
    } else {
      ctx_.trace_id.clear();
      ctx_.request_id.clear();
    }
  }
  ScopedLogContext(const ScopedLogContext&) = delete;
  ScopedLogContext& operator=(const ScopedLogContext&) = delete;

 private:
  LogContext& ctx_;
  bool nested_ = false;
  std::string saved_trace_;
  std::string saved_request_;
};

Response unauthenticated(const Error& error) {
  Response r = Response::problem(error);
  r.set_header("www-authenticate", "Bearer");
  return r;
}

// The answer of a route that refuses API keys (RouteOptions::api_keys false).
constexpr std::string_view kApiKeyRefused = "API keys cannot be used on this route; sign in";

}  // namespace

std::optional<Response> authorize(const Route& route, Request& request,
                                  const Authenticator& authenticator) {
  const RouteOptions& options = route.options;
  if (options.auth == AuthMode::kNone) return std::nullopt;
  std::string_view authorization = request.header("authorization");
  if (!authorization.empty() && authenticator) {
    Result<Principal> principal = authenticator(authorization);
    if (!principal.ok()) {
      const Error& error = principal.error();
      if (error.code == ErrorCode::kUnauthenticated) return unauthenticated(error);
      if (error.code == ErrorCode::kInternal) {
        log_error("http", "authenticator failed",
                  {{"error", error.message}, {"detail", error.internal}});
      }
      return Response::problem(error);
    }
    request.principal = std::move(principal).value();
  }
  if (!request.principal) {
    if (options.auth == AuthMode::kRequired) {
      return unauthenticated(Error::unauthenticated("authentication required"));
    }
    return std::nullopt;
  }
  if (request.principal->via_api_key && !options.api_keys) {
    return Response::problem(Error::forbidden(std::string(kApiKeyRefused)));
  }
  for (const std::string& scope : options.scopes) {
    if (!request.principal->has_scope(scope)) {
      return Response::problem(Error::forbidden("missing scope: " + scope));
    }
  }
  return std::nullopt;
}

Response status_problem(int status, std::string_view detail) {
  return problem_response(status, "about:blank", detail, {}, {});
}

void assign_request_ids(Request& request, std::string& traceparent_out) {
  std::string_view incoming_id = request.header("x-request-id");
  request.request_id.clear();
  if (is_sane_request_id(incoming_id)) {
    request.request_id.assign(incoming_id);
  } else {
    append_random_hex(request.request_id, 16);
  }
  request.trace_id.clear();
  std::string_view flags = "01";
  if (auto parent = parse_traceparent(request.header("traceparent"))) {
    request.trace_id.assign(parent->trace_id);
    flags = parent->flags;
  } else {
    append_random_hex(request.trace_id, 32);
  }
  traceparent_out.assign("00-");
  traceparent_out.append(request.trace_id);
  traceparent_out.push_back('-');
  append_random_hex(traceparent_out, 16);
  traceparent_out.push_back('-');
  traceparent_out.append(flags);
}

bool needs_worker(const Route& route, const Request& request, bool has_authenticator) {
  if (route.options.blocking) return true;
  return route.options.auth != AuthMode::kNone && has_authenticator &&
         !request.header("authorization").empty();
}

Response run_route(const Route& route, Request& request, const Authenticator& authenticator,
                   std::string_view service, bool authorized) {
  ScopedLogContext log_context(request);
  if (!authorized) {
    if (auto refusal = authorize(route, request, authenticator)) return std::move(*refusal);
  }
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    log_error(service, "handler threw", {{"route", route.options.name}, {"error", e.what()}});
  } catch (...) {
    log_error(service, "handler threw", {{"route", route.options.name}, {"error", "unknown"}});
  }
  return Response::problem(Error::internal_error("handler threw"));
}

std::optional<Response> try_inline_answer(const Route& route, Request& request,
                                          const Authenticator& authenticator) {
  if (!route.options.inline_answer || !request.header("authorization").empty()) {
    return std::nullopt;
  }
  ScopedLogContext log_context(request);
  // Without credentials this authenticates nothing (no blocking call): it only refuses a route
  // that requires a principal, and that refusal is the worker path's to give as well.
  if (authorize(route, request, authenticator)) return std::nullopt;
  try {
    return route.options.inline_answer(request);
  } catch (...) {
    return std::nullopt;  // the handler on a worker answers (and logs) instead
  }
}

std::string_view route_label(const Route* route) {
  return route != nullptr ? std::string_view(route->options.name) : "unmatched";
}

Response not_found_problem() {
  return Response::problem(Error::not_found("no such resource"));
}

Response method_not_allowed_problem(std::string allow) {
  Response r = status_problem(405, "method not allowed for this resource");
  r.set_header("allow", std::move(allow));
  return r;
}

Response payload_too_large_problem() {
  return Response::problem(
      Error{ErrorCode::kPayloadTooLarge, "request body exceeds the limit for this route"});
}

Response header_too_large_problem() {
  return status_problem(431, "request headers exceed the limit");
}

Response bad_request_problem() {
  return Response::problem(Error::invalid("malformed HTTP request"));
}

Response worker_pool_full_problem() {
  return Response::problem(Error::unavailable("server busy, retry shortly", 1));
}

}  // namespace sp::http
