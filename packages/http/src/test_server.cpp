#include "test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

#include "strangeprompt/core/strings.hpp"

namespace sp::http::testing {

ServerOptions test_options() {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.io_threads = 2;
  o.worker_threads = 2;
  o.read_timeout = std::chrono::milliseconds(2000);
  o.idle_timeout = std::chrono::milliseconds(2000);
  o.drain_timeout = std::chrono::milliseconds(2000);
  o.access_log = false;
  o.service = "http-test";
  return o;
}

std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     Metrics* metrics, Authenticator auth) {
  auto created = Server::create(options, router, metrics, std::move(auth));
  if (!created.ok()) throw std::runtime_error("create: " + created.error().message);
  std::unique_ptr<Server> server = std::move(created).value();
  Status started = server->start();
  if (!started.ok()) throw std::runtime_error("start: " + started.error().message);
  return server;
}

std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     Metrics* metrics, Authenticator auth, DeadlineClock clock) {
  auto created = create_server(options, router, metrics, std::move(auth), std::move(clock));
  if (!created.ok()) throw std::runtime_error("create: " + created.error().message);
  std::unique_ptr<Server> server = std::move(created).value();
  Status started = server->start();
  if (!started.ok()) throw std::runtime_error("start: " + started.error().message);
  return server;
}

std::chrono::steady_clock::time_point ManualDeadlineClock::now() const {
  return start_ + std::chrono::milliseconds(offset_ms_.load());
}

bool wait_for_metric(const Metrics& metrics, const std::string& line) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < until) {
    std::string text = "\n" + metrics.render();
    if (text.find("\n" + line + "\n") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // polling, not ordering
  }
  return false;
}

std::string RawResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

RawClient::RawClient(uint16_t port, bool connect_now) : port_(port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  if (connect_now && !connect()) throw std::runtime_error("connect failed");
}

bool RawClient::connect() {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawClient::fill(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[4096];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<RawResponse> RawClient::read_response(std::chrono::milliseconds timeout, bool head) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  RawResponse r;
  std::string_view head_text(buffer_.data(), end);
  auto line_end = head_text.find("\r\n");
  std::string_view status_line = head_text.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  r.status = std::stoi(std::string(status_line.substr(9, 3)));
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
  std::size_t length = 0;
  std::string cl = r.header("content-length");
  if (!head && !cl.empty()) length = std::stoul(cl);
  std::size_t body_start = end + 4;
  while (buffer_.size() < body_start + length) {
    if (!fill(deadline)) return std::nullopt;
  }
  r.body = buffer_.substr(body_start, length);
  buffer_.erase(0, body_start + length);
  return r;
}

bool RawClient::closed_within(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::max<long>(left.count(), 1)));
    if (ready <= 0) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return true;
    if (n > 0) buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  return false;
}

}  // namespace sp::http::testing
