#pragma once
// SseClient: a raw loopback socket that sends one GET for an event stream and reads what arrives
// (until a marker, or for a while), with the `id:` values received.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/http/message.hpp"

namespace sp::testing {

class SseClient {
 public:
  using Steady = std::chrono::steady_clock;

  SseClient(uint16_t port, const std::string& target, const http::Headers& headers = {}) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: t\r\nAccept: text/event-stream\r\n";
    for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
    request += "\r\n";
    ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
  }
  ~SseClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool read_until(std::string_view marker, std::chrono::milliseconds timeout = kWait) {
    const auto deadline = Steady::now() + timeout;
    while (text_.find(marker) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
      if (left.count() <= 0 || fd_ < 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return text_.find(marker) != std::string::npos;
      text_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }
  // Reads whatever arrives within `timeout`.
  void read_some(std::chrono::milliseconds timeout) {
    if (fd_ < 0) return;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) text_.append(buf, static_cast<std::size_t>(n));
  }
  int status() const { return text_.size() > 12 ? std::stoi(text_.substr(9, 3)) : 0; }
  // The `id:` values of the messages received so far, in order.
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = text_.find("\nid: ", at)) != std::string::npos) {
      at += 5;
      out.push_back(text_.substr(at, text_.find('\n', at) - at));
    }
    return out;
  }
  const std::string& text() const { return text_; }
  static constexpr std::chrono::milliseconds kWait{10'000};

 private:
  int fd_ = -1;
  std::string text_;
};

}  // namespace sp::testing
