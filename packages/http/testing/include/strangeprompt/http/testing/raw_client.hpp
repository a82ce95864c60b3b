#pragma once
// The one raw-socket HTTP client of the tests: a blocking POSIX socket to 127.0.0.1 with
// timeouts, so a server is tested with bytes we control exactly (malformed, smuggled, slow).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/http/message.hpp"

namespace sp::http::testing {

struct RawResponse {
  int status = 0;
  Headers headers;  // names lower-case
  std::string body;
  std::string header(std::string_view name) const;
};

class RawClient {
 public:
  // Connects to 127.0.0.1:port unless `connect_now` is false (then call connect());
  // connected() says whether it worked (never throws).
  explicit RawClient(uint16_t port, bool connect_now = true);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // The connection attempt of a client made with connect_now = false; false when it fails.
  bool connect();
  bool connected() const { return fd_ >= 0 && connected_; }
  // false when not connected or the peer has closed or reset the connection.
  bool send(std::string_view bytes);
  // Reads one response (Content-Length framed; no body when `head`); nullopt on close or timeout.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(3), bool head = false);
  // The raw bytes of one response: read until one full response (by Content-Length) arrived, the
  // peer closes, or `timeout` passes; whatever arrived (possibly "" or a partial response).
  std::string read_text(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the server closes the connection (EOF or reset) within `timeout`; bytes that
  // arrive meanwhile are kept for later reads.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  // Reads more bytes into buffer_; false on close, error or timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  uint16_t port_ = 0;
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

// Status code of the first response in `raw` (0 when none).
int status_of(std::string_view raw);

}  // namespace sp::http::testing
