#pragma once
// One I/O thread: its own io_context, its own SO_REUSEPORT acceptor, the connections it serves, and
// a sweeper that enforces their deadlines (one timer per thread instead of one per read).
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <thread>

#include "reserve_descriptor.hpp"
#include "server_shared.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::http {

class Connection;

class IoThread {
 public:
  explicit IoThread(ServerShared& shared);
  ~IoThread();
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  // Opens, binds (SO_REUSEPORT) and listens; call before start(). `probe_first` refuses a port
  // some other socket already listens on (the first listener of a server checks this).
  Status listen(const boost::asio::ip::tcp::endpoint& endpoint, bool probe_first);
  uint16_t local_port() const;
  void start();
  // Stops accepting and closes connections that sit between requests; in-flight ones finish.
  void begin_drain();
  // Closes every connection now (after the drain timeout).
  void close_all();
  void stop_and_join();

  boost::asio::io_context& context() { return ctx_; }
  void link(Connection& c);
  void unlink(Connection& c);

 private:
  boost::asio::awaitable<void> accept_loop();
  // Takes a connection slot (ConnectionLimiter) and serves it, or closes it when over a cap.
  void admit(boost::asio::ip::tcp::socket socket);
  boost::asio::awaitable<void> sweep_loop();
  void sweep(std::chrono::steady_clock::time_point now);

  ServerShared& shared_;
  ReserveDescriptor reserve_;
  // Declared before ctx_: sessions destroyed while ctx_ is torn down still unlink from it.
  Connection* connections_ = nullptr;
  boost::asio::io_context ctx_{1};
  boost::asio::ip::tcp::acceptor acceptor_{ctx_};
  std::thread thread_;
  bool stopping_ = false;  // I/O thread only
};

}  // namespace sp::http
