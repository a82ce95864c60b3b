#pragma once
// Handlers as plain functions returning Result<Response>: parse, call the logic, serialise.
// adapt() turns one into a router Handler; expected failures become problem+json here and only
// here.
#include <string>
#include <string_view>
#include <utility>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::http {

// The response of a handler's result: the value, or problem+json for the error with instance =
// the request path. kInternal and kUnavailable errors are logged under `service` with the path,
// the code, the public message and the private detail (which never reaches the caller).
Response respond(std::string_view service, const Request& request, Result<Response> result);

// 503 problem "<service> service is starting" (Retry-After: 1), instance = the request path.
Response starting_problem(std::string_view service, const Request& request);

// A Handler calling `fn(*ctx, request)` with the context pointer `ready()` returns at request
// time (e.g. a std::function<const Ctx*()>); null until the service has started, which answers
// 503. `fn` returns Result<Response>.
template <class Ready, class Fn>
Handler adapt(std::string service, Ready ready, Fn fn) {
  return [service = std::move(service), ready = std::move(ready),
          fn = std::move(fn)](Request& request) -> Response {
    auto* ctx = ready();
    if (ctx == nullptr) return starting_problem(service, request);
    return respond(service, request, fn(*ctx, request));
  };
}

}  // namespace sp::http
