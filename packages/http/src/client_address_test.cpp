// The client address behind trusted proxies: table-driven over IPv4, IPv6, CIDR and spoofing.
#include "strangeprompt/http/client_address.hpp"

#include <gtest/gtest.h>

namespace sp::http {
namespace {

TrustedProxies trusted(const std::vector<std::string>& entries) {
  auto parsed = TrustedProxies::parse(entries);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return std::move(parsed).value();
}

TEST(IpAddress, ParseTable) {
  struct Case {
    std::string_view text;
    std::optional<std::string> canonical;
  };
  const Case cases[] = {
      {"192.0.2.1", "192.0.2.1"},
      {" 192.0.2.1 ", "192.0.2.1"},
      {"192.0.2.1:8080", "192.0.2.1"},
      {"2001:DB8::1", "2001:db8::1"},
      {"[2001:db8::1]:443", "2001:db8::1"},
      {"::ffff:192.0.2.1", "192.0.2.1"},
      {"unknown", std::nullopt},
      {"", std::nullopt},
      {"192.0.2", std::nullopt},
      {"300.0.0.1", std::nullopt},
      {"[2001:db8::1", std::nullopt},
  };
  for (const Case& c : cases) {
    auto ip = IpAddress::parse(c.text);
    ASSERT_EQ(ip.has_value(), c.canonical.has_value()) << c.text;
    if (ip) {
      EXPECT_EQ(ip->to_string(), *c.canonical) << c.text;
    }
  }
}

TEST(TrustedProxies, RejectsMalformedEntries) {
  for (std::string bad : {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/x", "proxy",
                          "[::1]/128", "10.0.0.0/-1"}) {
    EXPECT_FALSE(TrustedProxies::parse({bad}).ok()) << bad;
  }
}

TEST(TrustedProxies, CidrMembershipTable) {
  TrustedProxies t = trusted({"10.0.0.0/8", "192.0.2.7", "2001:db8:a::/48", "172.16.0.0/12"});
  struct Case {
    std::string_view address;
    bool member;
  };
  const Case cases[] = {
      {"10.1.2.3", true},        {"11.0.0.1", false},       {"192.0.2.7", true},
      {"192.0.2.8", false},      {"2001:db8:a:1::5", true}, {"2001:db8:b::5", false},
      {"::ffff:10.9.9.9", true}, {"172.31.255.255", true},  {"172.32.0.0", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(t.contains(*IpAddress::parse(c.address)), c.member) << c.address;
  }
}

TEST(ClientAddress, Table) {
  TrustedProxies proxies = trusted({"10.0.0.0/8", "2001:db8::/32"});
  struct Case {
    std::string_view name;
    std::string_view peer;
    std::vector<std::string> forwarded;  // one X-Forwarded-For header each
    std::string_view client;
  };
  const Case cases[] = {
      {"untrusted peer: header ignored", "203.0.113.5", {"198.51.100.1"}, "203.0.113.5"},
      {"trusted peer without header", "10.0.0.2", {}, "10.0.0.2"},
      {"trusted peer names the client", "10.0.0.2", {"198.51.100.1"}, "198.51.100.1"},
      {"spoofed left part is skipped", "10.0.0.2", {"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
      {"chain of trusted proxies",
       "10.0.0.2",
       {"198.51.100.1, 10.0.0.9, 10.1.1.1"},
       "198.51.100.1"},
      {"several headers read in order",
       "10.0.0.2",
       {"1.2.3.4", "198.51.100.1, 10.0.0.3"},
       "198.51.100.1"},
      {"all trusted: the left-most", "10.0.0.2", {"10.0.0.7, 10.0.0.8"}, "10.0.0.7"},
      {"junk stops the walk at the last trusted hop",
       "10.0.0.2",
       {"198.51.100.1, junk, 10.0.0.8"},
       "10.0.0.8"},
      {"junk right next to the peer: the peer", "10.0.0.2", {"198.51.100.1, junk"}, "10.0.0.2"},
      {"IPv6 proxy and client", "2001:db8::1", {"2001:db8:ffff::2, 2a00:1450::1"}, "2a00:1450::1"},
      {"ports and brackets dropped", "10.0.0.2", {"[2a00:1450::1]:5555"}, "2a00:1450::1"},
      {"v4 with a port", "10.0.0.2", {"198.51.100.1:1234"}, "198.51.100.1"},
  };
  for (const Case& c : cases) {
    Headers headers{{"host", "x"}};
    for (const auto& value : c.forwarded) headers.emplace_back("x-forwarded-for", value);
    EXPECT_EQ(client_address(c.peer, headers, proxies), c.client) << c.name;
  }
}

TEST(ClientAddress, NoTrustedProxiesMeansThePeer) {
  Headers headers{{"x-forwarded-for", "198.51.100.1"}};
  EXPECT_EQ(client_address("127.0.0.1", headers, TrustedProxies{}), "127.0.0.1");
}

}  // namespace
}  // namespace sp::http
