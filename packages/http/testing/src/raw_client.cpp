#include "strangeprompt/http/testing/raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "strangeprompt/core/strings.hpp"

namespace sp::http::testing {

namespace {

using std::chrono::steady_clock;

// Where the first response in `buf` ends (head plus Content-Length body); npos when incomplete.
std::size_t response_end(std::string_view buf, bool head) {
  auto end = buf.find("\r\n\r\n");
  if (end == std::string_view::npos) return std::string_view::npos;
  std::string lower = to_lower_ascii(buf.substr(0, end));
  std::size_t length = 0;
  if (auto cl = lower.find("\r\ncontent-length:"); cl != std::string::npos && !head) {
    length = std::strtoul(lower.c_str() + cl + 17, nullptr, 10);
  }
  std::size_t total = end + 4 + length;
  return buf.size() >= total ? total : std::string_view::npos;
}

}  // namespace

std::string RawResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

RawClient::RawClient(uint16_t port, bool connect_now) : port_(port) {
  // The socket is made now, so a test that exhausts descriptors can still connect() later.
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ >= 0 && connect_now) connect();
}

bool RawClient::connect() {
  if (fd_ < 0 || connected_) return connected_;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return false;
  }
  connected_ = true;
  return true;
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawClient::send(std::string_view bytes) {
  if (fd_ < 0) return false;
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawClient::fill(steady_clock::time_point deadline) {
  if (fd_ < 0) return false;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[8192];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<RawResponse> RawClient::read_response(std::chrono::milliseconds timeout, bool head) {
  auto deadline = steady_clock::now() + timeout;
  std::size_t total;
  while ((total = response_end(buffer_, head)) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  const std::size_t end = buffer_.find("\r\n\r\n");
  std::string_view head_text(buffer_.data(), end);
  auto line_end = head_text.find("\r\n");
  std::string_view status_line = head_text.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  RawResponse r;
  r.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  std::size_t pos = line_end == std::string_view::npos ? head_text.size() : line_end + 2;
  while (pos < head_text.size()) {
    auto next = head_text.find("\r\n", pos);
    std::string_view line = head_text.substr(pos, next - pos);
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      r.headers.emplace_back(to_lower_ascii(line.substr(0, colon)),
                             std::string(trim(line.substr(colon + 1))));
    }
    if (next == std::string_view::npos) break;
    pos = next + 2;
  }
  r.body = buffer_.substr(end + 4, total - end - 4);
  buffer_.erase(0, total);
  return r;
}

std::string RawClient::read_text(std::chrono::milliseconds timeout) {
  auto deadline = steady_clock::now() + timeout;
  while (response_end(buffer_, false) == std::string::npos && fill(deadline)) {
  }
  std::size_t total = std::min(response_end(buffer_, false), buffer_.size());
  std::string out = buffer_.substr(0, total);
  buffer_.erase(0, total);
  return out;
}

bool RawClient::closed_within(std::chrono::milliseconds timeout) {
  if (fd_ < 0) return true;
  auto deadline = steady_clock::now() + timeout;
  while (true) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
    if (n > 0) buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

int status_of(std::string_view raw) {
  if (raw.size() < 12 || raw.substr(0, 5) != "HTTP/") return 0;
  return std::atoi(std::string(raw.substr(9, 3)).c_str());
}

}  // namespace sp::http::testing
