#pragma once
// A bounded pool of engine connections, opened on demand. acquire() blocks up to the timeout
// and then answers kUnavailable; a connection that reports broken() is closed on release, so
// the next acquire reconnects.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::db {

template <typename Conn>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Conn>>()>;

  // A borrowed connection; returns to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->release(std::move(conn_));
    }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  ConnectionPool(std::size_t capacity, std::chrono::milliseconds acquire_timeout, Factory factory)
      : capacity_(capacity), acquire_timeout_(acquire_timeout), factory_(std::move(factory)) {}

  // Every lease must have been returned before the pool is destroyed.
  ~ConnectionPool() = default;

  // Hands out an idle connection, opens a new one while under capacity, else waits.
  Result<Lease> acquire() {
    std::unique_lock lock(mu_);
    bool ready = cv_.wait_for(lock, acquire_timeout_,
                              [this] { return !idle_.empty() || open_ < capacity_; });
    if (!ready) return Error::unavailable("database connection pool exhausted");
    if (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;
    lock.unlock();
    Result<std::unique_ptr<Conn>> made = factory_();
    if (!made.ok()) {
      lock.lock();
      --open_;
      cv_.notify_one();
      return std::move(made).error();
    }
    return Lease(this, std::move(made).value());
  }

  // Adds an already opened connection (used to keep the one opened to validate options).
  void adopt(std::unique_ptr<Conn> conn) {
    std::lock_guard lock(mu_);
    ++open_;
    idle_.push_back(std::move(conn));
    cv_.notify_one();
  }

 private:
  void release(std::unique_ptr<Conn> conn) {
    std::unique_ptr<Conn> closing;
    {
      std::lock_guard lock(mu_);
      if (conn->broken()) {
        --open_;
        closing = std::move(conn);
      } else {
        idle_.push_back(std::move(conn));
      }
    }
    cv_.notify_one();
  }  // `closing` is closed here, outside the lock

  const std::size_t capacity_;
  const std::chrono::milliseconds acquire_timeout_;
  const Factory factory_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;  // guarded by mu_
  std::size_t open_ = 0;                     // guarded by mu_: idle + leased
};

}  // namespace sp::db
