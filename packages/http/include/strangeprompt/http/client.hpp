#pragma once
// A blocking HTTP/1.1 client with per-host connection pooling and timeouts, for service-to-service
// calls (JWKS) and black-box tests. Call it from worker threads, never from an I/O thread.
#include <chrono>
#include <memory>
#include <string>

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

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  static std::unique_ptr<HttpClient> create(ClientOptions options = {});
  // kUnavailable on connect failure or timeout; any HTTP status is a value, not an error.
  virtual Result<ClientResponse> send(const ClientRequest& request) = 0;
};

}  // namespace sp::http
