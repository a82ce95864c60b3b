#pragma once
// A small HTTP/1.1 client on libcurl for the S3 adapter: a pool of easy handles (each keeps its
// connections alive, so requests reuse them), request bodies from memory, response bodies
// streamed to a callback. Private to the adapter: curl stays out of every public header.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::blob::s3 {

struct HttpRequest {
  std::string method;  // GET, PUT, HEAD, DELETE, POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string_view body{};  // sent as is (must outlive the call)
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;  // the body when it was not handed to the success sink
  std::string header(std::string_view name) const;
};

// Gets the 2xx body chunk by chunk; an error aborts the transfer and is returned by perform.
using BodySink = std::function<Status(std::string_view chunk)>;

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{2'000};
  std::chrono::milliseconds request_timeout{60'000};
  std::size_t pool_size = 8;
};

// The outcome of one attempt: a response, or a transport failure (kUnavailable, with
// `transport_error` set) or the sink's own error.
struct HttpOutcome {
  Result<HttpResponse> response;
  bool transport_error = false;  // no HTTP answer (refused, reset, timeout): worth a retry
  bool body_delivered = false;   // some 2xx bytes reached the sink
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One attempt. A 2xx body goes to `sink` when given (else into response.body); other bodies
  // always go into response.body.
  HttpOutcome perform(const HttpRequest& request, const BodySink& sink = nullptr);

 private:
  void* acquire();
  void release(void* handle);

  HttpOptions options_;
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles with their live connections
};

}  // namespace sp::blob::s3
