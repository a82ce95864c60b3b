#pragma once
// A fixed set of threads with a bounded queue for blocking work; a full queue refuses new jobs
// (the HTTP layer turns that into 503 + Retry-After) instead of queueing without bound.
#include <cstddef>
#include <functional>
#include <memory>

namespace sp::http {

class WorkerPool {
 public:
  virtual ~WorkerPool() = default;
  static std::unique_ptr<WorkerPool> create(int threads, std::size_t queue_capacity);

  // false when the queue is full or the pool is stopping; the job is then not run.
  virtual bool try_submit(std::function<void()> job) = 0;
  virtual std::size_t queued() const = 0;  // jobs waiting
  virtual std::size_t active() const = 0;  // jobs running
  virtual std::size_t capacity() const = 0;
  virtual void stop() = 0;  // finishes queued jobs, joins
};

}  // namespace sp::http
