#pragma once
// A plain TCP client for sending hand-made (often malformed) HTTP bytes in black-box tests.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace sp::testing {

class RawSocket {
 public:
  explicit RawSocket(uint16_t port);  // connects to 127.0.0.1:port
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return fd_ >= 0; }
  // false when the peer has closed or reset the connection.
  bool send(std::string_view bytes);
  // Reads until the peer closes, `timeout` passes, or one full response (by Content-Length)
  // arrived.
  std::string read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the peer closed the connection within `timeout` (EOF or reset).
  bool closed_by_peer(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

// Status code of the first response in `raw` (0 when none).
int status_of(std::string_view raw);

}  // namespace sp::testing
