// IoThread: accept loop, deadline sweeper, drain.
#include "io_thread.hpp"

#include <netinet/tcp.h>
#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <exception>

#include "connection.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/http/metrics.hpp"

namespace sp::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kAcceptBackoff{50};
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Fine enough for second-scale timeouts, rare enough to cost nothing.
std::chrono::milliseconds sweep_interval(const ServerOptions& o) {
  auto shortest = std::min({o.read_timeout, o.idle_timeout, o.queue_timeout, o.handler_timeout});
  return std::clamp<std::chrono::milliseconds>(shortest / 10, std::chrono::milliseconds(10),
                                               std::chrono::milliseconds(250));
}

bool out_of_descriptors(const boost::system::error_code& ec) {
  return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec.value() == ENOBUFS ||
         ec.value() == ENOMEM;
}

asio::awaitable<void> serve_connection(IoThread& io, ServerShared& shared, tcp::socket socket,
                                       std::string peer, bool exempt) {
  Connection connection(io, shared, std::move(socket), std::move(peer), exempt);
  try {
    co_await connection.serve();
  } catch (const std::exception& e) {
    log_error(shared.options.service, "connection failed", {{"error", e.what()}});
  }
}
}  // namespace

IoThread::IoThread(ServerShared& shared) : shared_(shared) {}

IoThread::~IoThread() {
  stop_and_join();
}

Status IoThread::listen(const tcp::endpoint& endpoint, bool probe_first) {
  boost::system::error_code ec;
  if (probe_first && endpoint.port() != 0) {
    // SO_REUSEPORT would let us silently share a port another server already listens on; a
    // plain bind first fails with EADDRINUSE in that case.
    tcp::acceptor probe(ctx_);
    probe.open(endpoint.protocol(), ec);
    if (!ec) probe.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) probe.bind(endpoint, ec);
    if (ec) {
      return Error{ErrorCode::kUnavailable,
                   "port " + std::to_string(endpoint.port()) + " is already in use", ec.message()};
    }
  }
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.set_option(ReusePort(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{ErrorCode::kUnavailable,
                 "cannot listen on " + endpoint.address().to_string() + ":" +
                     std::to_string(endpoint.port()),
                 ec.message()};
  }
  return ok_status();
}

uint16_t IoThread::local_port() const {
  boost::system::error_code ec;
  auto endpoint = acceptor_.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void IoThread::start() {
  asio::co_spawn(ctx_, accept_loop(), asio::detached);
  asio::co_spawn(ctx_, sweep_loop(), asio::detached);
  thread_ = std::thread([this] {
    while (true) {
      try {
        ctx_.run();
        return;
      } catch (const std::exception& e) {
        log_error(shared_.options.service, "I/O thread caught", {{"error", e.what()}});
      }
    }
  });
}

void IoThread::begin_drain() {
  asio::post(ctx_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (Connection* c = connections_; c != nullptr; c = c->next) {
      if (c->between_requests()) c->close_now();
    }
  });
}

void IoThread::close_all() {
  asio::post(ctx_, [this] {
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (Connection* c = connections_; c != nullptr; c = c->next) c->close_now();
  });
}

void IoThread::stop_and_join() {
  ctx_.stop();
  if (thread_.joinable()) thread_.join();
}

void IoThread::link(Connection& c) {
  c.prev = nullptr;
  c.next = connections_;
  if (connections_ != nullptr) connections_->prev = &c;
  connections_ = &c;
}

void IoThread::unlink(Connection& c) {
  if (c.prev != nullptr) c.prev->next = c.next;
  if (c.next != nullptr) c.next->prev = c.prev;
  if (connections_ == &c) connections_ = c.next;
  c.prev = c.next = nullptr;
}

asio::awaitable<void> IoThread::accept_loop() {
  asio::steady_timer backoff(ctx_);
  bool failing = false;  // log once per run of failures, not once per retry
  while (acceptor_.is_open()) {
    auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
    if (ec) {
      if (shared_.metrics) shared_.metrics->add_counter("sp_http_accept_failures_total", "");
      if (!failing) log_warn(shared_.options.service, "accept failed", {{"error", ec.message()}});
      failing = true;
      // Out of descriptors: close the waiting client at once (it learns now instead of hanging
      // in the backlog). Linux fails accept() with EMFILE before looking at the backlog, so
      // with nobody waiting (or any other error) back off instead of spinning.
      if (out_of_descriptors(ec) && reserve_.shed_one(acceptor_.native_handle())) continue;
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(kNoThrow);
      continue;
    }
    if (failing) log_info(shared_.options.service, "accept recovered");
    failing = false;
    admit(std::move(socket));
  }
}

void IoThread::admit(tcp::socket socket) {
  boost::system::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return;  // already gone
  std::string peer = remote.address().to_string();
  bool exempt = false;
  if (!shared_.trusted_proxies.empty()) {
    auto ip = IpAddress::parse(peer);
    exempt = ip && shared_.trusted_proxies.contains(*ip);  // a proxy carries many clients
  }
  if (!shared_.limiter->try_acquire(peer, exempt)) {
    // Over a cap: close this one only; established connections are untouched.
    if (shared_.metrics) shared_.metrics->add_counter("sp_http_connections_refused_total", "");
    socket.close(ec);
    return;
  }
  socket.set_option(tcp::no_delay(true), ec);
  asio::co_spawn(ctx_, serve_connection(*this, shared_, std::move(socket), std::move(peer), exempt),
                 asio::detached);
}

asio::awaitable<void> IoThread::sweep_loop() {
  asio::steady_timer timer(ctx_);
  const auto interval = sweep_interval(shared_.options);
  while (!stopping_) {
    timer.expires_after(interval);
    co_await timer.async_wait(kNoThrow);
    sweep(shared_.now());
  }
}

void IoThread::sweep(std::chrono::steady_clock::time_point now) {
  bool draining = shared_.draining.load(std::memory_order_relaxed);
  for (Connection* c = connections_; c != nullptr; c = c->next) {
    if (c->deadline() <= now) {
      c->on_deadline();
    } else if (draining && c->between_requests()) {
      c->close_now();
    }
  }
}

}  // namespace sp::http
