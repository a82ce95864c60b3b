#pragma once
// The log-in throttle around one password check. An untrusted client (no valid device cookie
// for the account) is held by two subjects: the account's failures from untrusted clients (with
// the lock) and the client address, which counts the distinct accounts that failed from it
// (credential stuffing), so one user's own typos never throttle the others behind that address.
// A trusted device (logic/trusted_devices.hpp) is held only by its own failure count. admit()
// before hashing, then record the outcome in the transaction that audits it.
#include <optional>
#include <string>

#include "logic/auth_context.hpp"
#include "logic/login_throttle.hpp"

namespace sp::auth {

class LoginGuard {
 public:
  // An untrusted client: `account` (account_subject or login_subject) and `address`
  // (address_subject).
  LoginGuard(const AuthContext& ctx, std::string account, std::string address)
      : ctx_(ctx), account_(std::move(account)), address_(std::move(address)) {}
  // A trusted device of the account (device_subject).
  static LoginGuard for_device(const AuthContext& ctx, std::string device);

  // kRateLimited (with Retry-After) while a subject must wait, or for a locked account/device.
  Status admit() const;
  Status record_failure(AuthTransaction& tx) const;
  // Clears the consecutive-failure count of the account (untrusted) or of the device; the
  // address count only decays.
  Status record_success(AuthTransaction& tx) const;

 private:
  const AuthContext& ctx_;
  std::string account_;
  std::string address_;
  std::optional<std::string> device_;
};

}  // namespace sp::auth
