#pragma once
// Routes with path parameters ("/v1/gallery/posts/{id}") and per-route policy.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/http/message.hpp"

namespace sp::http {

using Handler = std::function<Response(Request&)>;
// An answer the I/O thread may give without the worker pool, or nullopt.
using InlineAnswer = std::function<std::optional<Response>(Request&)>;

enum class AuthMode { kNone, kOptional, kRequired };

struct RouteOptions {
  // Run on the bounded worker pool (anything touching a database, hashing, files). Only
  // constant-time, non-blocking handlers (health, fixed JSON) may set this false.
  bool blocking = true;
  AuthMode auth = AuthMode::kNone;
  std::vector<std::string> scopes;  // all required (403 when missing)
  std::size_t max_body_bytes = 0;   // 0 = the server default
  // Non-empty: the body is never held in memory. The server writes it, as it arrives, to a
  // temporary file in this directory (created at start; leftovers of a crash removed), enforcing
  // max_body_bytes while streaming (413 as soon as it is passed, the file removed), hashes it, and
  // hands the handler Request::spooled instead of Request::body. A multipart/form-data body keeps
  // only its file part: the first part with a filename or named "file" (other parts are dropped);
  // a multipart body without a boundary, a complete file part or with over-long part headers is
  // answered 400.
  std::string spool_dir;
  // true: the route's auth policy (auth, api_keys, scopes) is checked as soon as the request head
  // is in, before any body byte is read or spooled (on the worker pool when a credential must be
  // checked: the Authenticator may block). A refusal (401/403 problem+json) is answered at once
  // with "Connection: close"; then the server half-closes and reads and throws away the body as
  // declared (at most max_body_bytes; each chunk moves the read deadline on) before closing, so
  // a client that writes its whole body before reading gets the answer, not a reset. Nothing is
  // spooled, buffered or handed to a worker; a client that sent "Expect: 100-continue" never
  // sends the body, one that reads early may close at once. An accepted principal is kept for
  // the handler (the credential is not checked twice).
  bool authorize_before_body = false;
  std::string name;  // metrics label; defaults to the pattern
  // Optional, for blocking routes whose common answer is a memory lookup (a warm cache hit, which
  // a worker-pool hop would dominate): tried on the I/O thread for a request without an
  // Authorization header, after the route's auth checks. It must not block (no database, no
  // file, no network). nullopt (or a throw) sends the request to the worker pool and `handler`.
  InlineAnswer inline_answer;
  // Whether an API key may authenticate the call. false: a principal with via_api_key gets 403
  // (routes that manage sessions, passwords or keys accept only a signed-in session).
  bool api_keys = true;
};

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
};

struct RouteMatch {
  const Route* route = nullptr;                             // null: no route for this path
  bool method_not_allowed = false;                          // the path exists with another method
  std::vector<std::pair<std::string, std::string>> params;  // percent-decoded values
  std::string allow;  // with method_not_allowed: the Allow header value, e.g. "GET, HEAD, POST"
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Patterns are literal segments and {name} segments; a final {name...} takes the rest.
  // Literal segments win over {name}, which wins over {name...}; HEAD falls back to GET.
  // Throws std::invalid_argument for a malformed pattern or a duplicate (method, pattern).
  void add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
  // `path` is the raw (still percent-encoded) request path: segments split on '/' first, then each
  // parameter is percent-decoded, so "/files/a%2Fb" gives {name} = "a/b".
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Trie;
  std::vector<std::unique_ptr<Route>> routes_;
  std::unique_ptr<Trie> trie_;
};

}  // namespace sp::http
