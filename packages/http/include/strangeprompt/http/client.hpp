#pragma once
// A blocking HTTP/1.1 client with per-host connection pooling and timeouts, for service-to-service
// calls (JWKS) and black-box tests. Call it from worker threads, never from an I/O thread.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

struct ClientRequest {
  Method method = Method::kGet;
  std::string url;  // http://host:port/path?query
  Headers headers;
  std::string body;
};

struct ClientResponse {
  int status = 0;
  Headers headers;  // names lower-case
  std::string body;
  std::string_view header(std::string_view name) const;
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{2'000};
  std::chrono::milliseconds request_timeout{10'000};
  std::size_t max_idle_per_host = 8;
  std::size_t max_response_bytes = 16 * 1024 * 1024;
};

// A live response body (Server-Sent Events) handed over in pieces as they arrive.
struct BodySink {
  // Runs on the client's I/O thread for each piece; false stops reading (closes the connection).
  std::function<bool(std::string_view)> on_data;
  // Runs once when the body ended: the peer closed, a read failed, on_data said stop, cancel().
  std::function<void()> on_end;
};

// Stops a live body early (the reader of it left); safe from any thread, more than once.
class StreamingCall {
 public:
  virtual ~StreamingCall() = default;
  virtual void cancel() = 0;
};

struct StreamedResponse {
  ClientResponse head;  // status and headers; the whole body too when `call` is null
  // Set when the answer is text/event-stream: its body goes to the sink as it arrives.
  std::shared_ptr<StreamingCall> call;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  static std::unique_ptr<HttpClient> create(ClientOptions options = {});
  // kUnavailable on connect failure or timeout; any HTTP status is a value, not an error.
  virtual Result<ClientResponse> send(const ClientRequest& request) = 0;
  // Like send(), on a connection of its own, but when the answer is text/event-stream it returns
  // once the head is read (within request_timeout) and streams the body into `sink` with no
  // deadline; any other answer is read whole into head.body (the sink is not used).
  virtual Result<StreamedResponse> open(const ClientRequest& request, BodySink sink) = 0;
};

// Whether a send()/open() failure was a timeout (connect or response) rather than a refusal.
bool is_timeout(const Error& error);

}  // namespace sp::http
