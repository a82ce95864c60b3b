#pragma once
// argon2id password hashing (libsodium) with a cap on concurrent hashes. Every call is CPU- and
// memory-heavy (tens of milliseconds): run it on a worker thread, never on an I/O thread.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/security/work_slots.hpp"

namespace sp::security {

// argon2id cost. Defaults are OWASP's minimum (m = 19 MiB, t = 2, p = 1); libsodium always uses
// one lane, so p is fixed.
struct Argon2Params {
  uint64_t iterations = 2;
  std::size_t memory_bytes = 19u * 1024u * 1024u;
};

struct PasswordHasherOptions {
  Argon2Params params;
  int max_concurrent = 2;                        // hashes running at once (memory cap)
  std::chrono::milliseconds wait_timeout{2000};  // then kUnavailable
  // Passwords longer than this are refused by hash() and never match in verify().
  std::size_t max_password_bytes = 4096;
  // Shared slots make the cap process-wide across hashers; null = this hasher's own.
  std::shared_ptr<WorkSlots> slots;
};

class PasswordHasher {
 public:
  // Throws std::invalid_argument for parameters libsodium cannot use (a configuration bug).
  explicit PasswordHasher(PasswordHasherOptions options = {});

  // The encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash"), which carries its parameters.
  // kUnavailable when no slot frees up in time; kInvalidArgument for an over-long password.
  Result<std::string> hash(std::string_view password) const;
  // Whether `password` matches `encoded`; false for a malformed `encoded` too. kUnavailable as
  // for hash().
  Result<bool> verify(std::string_view password, std::string_view encoded) const;
  // True if `encoded` was made with other parameters (or is not argon2id): rehash it at login.
  bool needs_rehash(std::string_view encoded) const;
  // Costs what verify() of a real account costs and always fails: call it for unknown accounts
  // so response time does not reveal which emails exist.
  Status dummy_verify(std::string_view password) const;

  const Argon2Params& params() const { return options_.params; }

 private:
  PasswordHasherOptions options_;
  mutable std::mutex dummy_mu_;
  mutable std::string dummy_hash_;  // guarded by dummy_mu_; made on first dummy_verify()
};

}  // namespace sp::security
