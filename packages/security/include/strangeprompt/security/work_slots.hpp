#pragma once
// A counting semaphore with a deadline: at most `capacity` holders at once. Caps memory-hungry
// work (argon2id takes ~19 MiB per hash) so a flood waits briefly and is then refused instead of
// exhausting memory. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace sp::security {

class WorkSlots {
 public:
  // A held slot, released when destroyed. Move-only.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

   private:
    friend class WorkSlots;
    explicit Lease(WorkSlots* slots) : slots_(slots) {}
    WorkSlots* slots_;
  };

  // Throws std::invalid_argument if capacity < 1.
  explicit WorkSlots(int capacity);

  // A slot, waiting up to `timeout` for one to free up; nullopt if none did.
  std::optional<Lease> acquire(std::chrono::milliseconds timeout);
  int capacity() const { return capacity_; }
  int in_use() const;

 private:
  void release();

  const int capacity_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  int in_use_ = 0;  // guarded by mu_
};

}  // namespace sp::security
