#pragma once
// Calls a Router in-process through the server's own pipeline (no sockets): target splitting,
// request ids, routing, 404/405, authentication (401 with WWW-Authenticate), scope checks (403),
// the handler, and a throwing handler turned into a 500. Only socket I/O, body limits, the worker
// pool and deadlines are left out; tests of those use a real server and a RawClient.
#include <string>
#include <string_view>

#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp::http::testing {

class TestClient {
 public:
  // `router` must outlive the client. `authenticator` may be null (as for a server without one).
  explicit TestClient(const Router& router, Authenticator authenticator = nullptr,
                      std::string service = "test");

  // Answers `request` as the server would. When `path` is empty it is derived from `target` the
  // way the server does it; an unparsable target is a 400.
  Response send(Request request) const;

 private:
  const Router& router_;
  Authenticator authenticator_;
  std::string service_;
};

// Request builders. Each returns a new request; they compose: with_bearer(json_request(...), t).
// A request with no body, from a fixed client address and user agent.
Request request(Method method, std::string target);
// A JSON request as a client would send it (content-type application/json).
Request json_request(Method method, std::string target, std::string body);
// Adds "Authorization: Bearer <token>".
Request with_bearer(Request request, std::string_view token);
// Adds one header (name lower-cased, as the server's parser stores names).
Request with_header(Request request, std::string_view name, std::string value);
// Adds a Cookie header, e.g. "a=1; b=2" (several calls add several headers).
Request with_cookies(Request request, std::string cookies);
// Appends name=value to the target's query string, percent-encoding both.
Request with_query(Request request, std::string_view name, std::string_view value);

}  // namespace sp::http::testing
