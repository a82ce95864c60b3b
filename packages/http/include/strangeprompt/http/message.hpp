#pragma once
// Request and Response as plain values: handlers never see Beast types.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strangeprompt/core/error.hpp"

namespace sp::http {

class EventStream;  // event_stream.hpp

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view to_string(Method m);

using Headers = std::vector<std::pair<std::string, std::string>>;  // names lower-case on requests

// Who made the request, set by the Authenticator for routes that need it.
struct Principal {
  int64_t user_id = 0;
  std::vector<std::string> scopes;
  std::string token_id;  // jti of the access token, or the API key id
  bool via_api_key = false;
  int64_t session_id = 0;  // the access token's session (sid); 0 for API keys
  bool has_scope(std::string_view scope) const;
};

// A request body the server wrote to a temporary file as it arrived, for routes that set
// RouteOptions::spool_dir: the raw body, or the file part's content of a multipart/form-data body.
// The file is removed when the Request lets go of it (the next request on the connection, or the
// connection's end); a handler that keeps the bytes copies or renames the file before returning.
struct SpooledBody {
  std::string path;          // the temporary file (in spool_dir)
  std::uint64_t size = 0;    // bytes in the file
  std::string sha256_hex;    // SHA-256 of the file's bytes, lowercase hex
  std::string head;          // the file's first bytes (up to kSpoolHeadBytes), for sniffing types
  std::string content_type;  // the request's Content-Type, or the file part's
  std::string filename;      // the file part's filename (multipart only)
  bool multipart = false;    // taken from a multipart/form-data body
};
inline constexpr std::size_t kSpoolHeadBytes = 512;

struct Request {
  Method method = Method::kGet;
  std::string target;  // raw request target, e.g. /v1/x?y=1
  std::string path;    // raw path without the query, still percent-encoded (as routed; decoded
                       // values are in params); for an absolute-form target, its path part
  std::string query;   // raw query string without '?'
  Headers headers;
  std::string body;                            // empty when the body was spooled
  std::shared_ptr<const SpooledBody> spooled;  // set for routes with RouteOptions::spool_dir
  std::string remote_address;  // client IP (no port): the TCP peer, or the X-Forwarded-For
                               // client when the peer is one of ServerOptions::trusted_proxies
  std::string peer_address;    // the TCP peer's IP (no port), whatever X-Forwarded-For says
  bool secure = false;         // arrived over TLS (or a trusted proxy said so)
  std::vector<std::pair<std::string, std::string>> params;  // path parameters, percent-decoded
  std::optional<Principal> principal;
  std::string request_id;
  std::string trace_id;

  // First header with this (case-insensitive) name, empty when absent.
  std::string_view header(std::string_view name) const;
  // Path parameter by name ("" when absent).
  std::string_view param(std::string_view name) const;
  // First query parameter by name, percent-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  // Value of a cookie from the Cookie header.
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // Set for a streamed text/event-stream answer (event_stream.hpp): `body` is unused, the
  // connection writes what the stream is sent until it ends, then closes.
  std::shared_ptr<EventStream> stream;

  Response& set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;

  // `body` must already be JSON text.
  static Response json(int status, std::string body);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
  // 200 text/event-stream, Cache-Control: no-store, served from `stream` (event_stream.hpp).
  static Response event_stream(std::shared_ptr<EventStream> stream);
  // RFC 9457 problem+json for an Error; sets Retry-After when the error carries one.
  static Response problem(const Error& error, std::string_view instance = {});
};

// The credential of an "Authorization: Bearer <credential>" value (scheme case-insensitive,
// surrounding blanks trimmed); nullopt for another scheme or an empty credential.
std::optional<std::string_view> bearer_credential(std::string_view authorization);

// HTTP status for an ErrorCode (the one place that mapping lives).
int status_for(ErrorCode code);

}  // namespace sp::http
