// IP parsing with inet_pton/inet_ntop; CIDR matching over the 16-byte form.
#include "strangeprompt/http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Strips "[...]:port" and "a.b.c.d:port" to the address part.
std::string_view without_port(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    return close == std::string_view::npos ? std::string_view{} : text.substr(1, close - 1);
  }
  auto colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    return text.substr(0, colon);  // one colon: IPv4 with a port (IPv6 has at least two)
  }
  return text;
}

bool prefix_matches(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                    int bits) {
  int full = bits / 8;
  if (!std::equal(a.begin(), a.begin() + full, b.begin())) return false;
  int rest = bits % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (a[static_cast<std::size_t>(full)] & mask) == (b[static_cast<std::size_t>(full)] & mask);
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  std::string plain(without_port(trim(text)));
  if (plain.empty() || plain.size() > 45) return std::nullopt;
  IpAddress out;
  in_addr v4{};
  if (::inet_pton(AF_INET, plain.c_str(), &v4) == 1) {
    std::copy(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), out.bytes.begin());
    std::memcpy(out.bytes.data() + 12, &v4, 4);
    out.v4 = true;
    return out;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, plain.c_str(), &v6) != 1) return std::nullopt;
  std::memcpy(out.bytes.data(), &v6, 16);
  out.v4 = std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), out.bytes.begin());
  return out;
}

std::string IpAddress::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (v4) {
    ::inet_ntop(AF_INET, bytes.data() + 12, text, sizeof text);
  } else {
    ::inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
  }
  return text;
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& entry : entries) {
    std::string_view text = trim(entry);
    if (text.empty()) continue;
    auto slash = text.find('/');
    auto base = IpAddress::parse(text.substr(0, slash));
    if (!base || text.substr(0, slash).find_first_of("[]") != std::string_view::npos) {
      return Error::invalid("http.trusted_proxies: not an address or CIDR block: " + entry);
    }
    Network network{*base, 128};
    if (slash != std::string_view::npos) {
      std::string_view bits_text = text.substr(slash + 1);
      int bits = 0;
      bool digits = !bits_text.empty() && bits_text.size() <= 3 &&
                    std::all_of(bits_text.begin(), bits_text.end(),
                                [](char c) { return c >= '0' && c <= '9'; });
      if (digits) bits = std::stoi(std::string(bits_text));
      int family_bits = base->v4 ? 32 : 128;
      if (!digits || bits > family_bits) {
        return Error::invalid("http.trusted_proxies: bad prefix length in " + entry);
      }
      network.prefix_bits = base->v4 ? 96 + bits : bits;
    }
    out.networks_.push_back(network);
  }
  return out;
}

bool TrustedProxies::contains(const IpAddress& address) const {
  return std::any_of(networks_.begin(), networks_.end(), [&](const Network& n) {
    return prefix_matches(n.base.bytes, address.bytes, n.prefix_bits);
  });
}

std::string client_address(std::string_view peer, const Headers& headers,
                           const TrustedProxies& trusted) {
  auto peer_ip = IpAddress::parse(peer);
  if (trusted.empty() || !peer_ip || !trusted.contains(*peer_ip)) return std::string(peer);
  std::vector<std::string_view> hops;  // left to right over every X-Forwarded-For header
  for (const auto& [name, value] : headers) {
    if (!iequals_ascii(name, "x-forwarded-for")) continue;
    std::string_view rest = value;
    while (true) {
      auto comma = rest.find(',');
      hops.push_back(trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  std::string answer = peer_ip->to_string();
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    auto ip = IpAddress::parse(*hop);
    if (!ip) break;
    answer = ip->to_string();
    if (!trusted.contains(*ip)) break;
  }
  return answer;
}

}  // namespace sp::http
