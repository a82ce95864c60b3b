#pragma once
// HTTP/1.1 response heads written by hand into a reused buffer (the hot path allocates nothing).
#include <string>
#include <string_view>

#include "strangeprompt/http/message.hpp"

namespace sp::http {

struct ResponseMeta {
  bool keep_alive = true;
  bool http10 = false;        // the request was HTTP/1.0: keep-alive must be explicit
  bool head_request = false;  // HEAD: the body is not sent but Content-Length is
  bool streaming = false;     // an event stream: no Content-Length, the body ends at close
  std::string_view request_id;
  std::string_view traceparent;
};

// Whether a response with this status carries a body (not 1xx, 204, 304).
bool status_has_body(int status);

// Replaces `out` with the status line and headers: ours (Server, Date, Content-Length,
// Connection, x-request-id, traceparent) then the handler's, minus framing headers it must not set
// and any with CR/LF in them.
void write_response_head(std::string& out, const Response& response, const ResponseMeta& meta);

// The current IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted once a second per thread.
std::string_view http_date_now();

}  // namespace sp::http
