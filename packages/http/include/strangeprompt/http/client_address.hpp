#pragma once
// Which address a request comes from: the TCP peer, or, when the peer is a trusted proxy, the
// client named by X-Forwarded-For. Pure functions; the server applies them per request.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

// An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d, so both families compare alike).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
  // "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"; also "[2001:db8::1]:443" and "192.0.2.1:80"
  // (X-Forwarded-For entries sometimes carry a port). nullopt when not an address.
  static std::optional<IpAddress> parse(std::string_view text);
  std::string to_string() const;  // canonical text (IPv4 dotted for v4 and v4-mapped)
};

// A list of networks ("10.0.0.0/8", "2001:db8::/32", "192.0.2.7") the operator trusts to set
// X-Forwarded-For truthfully.
class TrustedProxies {
 public:
  // Error naming the first entry that is neither an address nor a CIDR block.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);
  bool contains(const IpAddress& address) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    IpAddress base;
    int prefix_bits = 128;  // over the 16-byte form
  };
  std::vector<Network> networks_;
};

// The client address of a request from `peer`. When `peer` is not a trusted proxy: `peer`, and
// X-Forwarded-For is ignored (anyone can send it). When it is: X-Forwarded-For entries (every
// such header, in order) are walked from the right, skipping trusted proxies; the first other
// entry is the client. All trusted: the left-most. A malformed entry stops the walk: the last
// trusted hop seen is the answer (nothing left of junk can be believed).
std::string client_address(std::string_view peer, const Headers& headers,
                           const TrustedProxies& trusted);

}  // namespace sp::http
