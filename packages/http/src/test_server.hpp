#pragma once
// Test helpers: a server on 127.0.0.1:0 and a raw blocking socket client with timeouts.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/metrics.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp::http::testing {

// Options tuned for tests: loopback, port 0, short timeouts, no access log.
ServerOptions test_options();

// Starts a server (fails the test via exceptions if it cannot).
std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     Metrics* metrics = nullptr, Authenticator auth = nullptr);

struct RawResponse {
  int status = 0;
  Headers headers;  // names lower-case
  std::string body;
  std::string header(std::string_view name) const;
};

// A plain POSIX socket so the server is tested with bytes we control exactly.
class RawClient {
 public:
  explicit RawClient(uint16_t port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool send(std::string_view bytes);
  // Reads one response (Content-Length framed; no body when `head`); nullopt on close or timeout.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(3), bool head = false);
  // True when the server closes the connection (EOF or reset) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  // Reads more bytes into buffer_; false on close, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace sp::http::testing
