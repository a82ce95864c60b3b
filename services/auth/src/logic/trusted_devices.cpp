#include "logic/trusted_devices.hpp"

#include "strangeprompt/security/digest.hpp"
#include "strangeprompt/security/random.hpp"

namespace sp::auth {

Result<IssuedDevice> issue_device(AuthTransaction& tx, const AuthContext& ctx, int64_t user_id) {
  const int64_t now = ctx.now_ms();
  IssuedDevice issued{.token = security::random_token(32), .expires_at_ms = now + kDeviceTrustMs};
  SP_TRY(tx.insert_device({.id = ctx.ids.next(),
                           .user_id = user_id,
                           .token_hash = security::sha256_hex(issued.token),
                           .created_at_ms = now,
                           .expires_at_ms = issued.expires_at_ms}));
  return issued;
}

Result<std::optional<TrustedDevice>> trusted_device(const AuthContext& ctx, std::string_view token,
                                                    int64_t user_id) {
  if (token.empty() || token.size() > 128) return std::optional<TrustedDevice>();
  SP_ASSIGN_OR_RETURN(auto device, ctx.store.find_device(security::sha256_hex(token)));
  if (device && (device->user_id != user_id || ctx.now_ms() >= device->expires_at_ms)) {
    device.reset();
  }
  return device;
}

std::string device_subject(int64_t device_id) {
  return "device:" + std::to_string(device_id);
}

}  // namespace sp::auth
