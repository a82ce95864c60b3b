// Defect 4 of issue 7: one attacker must not lock out everyone behind an address. A device
// cookie from a successful log-in lets that browser log in to that account despite address-level
// throttling and despite the account's lock for untrusted clients; the address counts distinct
// accounts failing from it (credential stuffing), not one user's typos.
#include <gtest/gtest.h>

#include "support/route_test.hpp"

namespace sp::auth {
namespace {

using http::Method;
using testing::json_request;
using namespace std::chrono_literals;

constexpr const char* kAddress = "203.0.113.9";  // a NAT: the attacker and the users behind it

class DeviceCookies : public testing::RouteTest {
 protected:
  http::Response log_in(const std::string& login, const std::string& password,
                        const std::string& address = kAddress, const std::string& device = {}) {
    http::Request r =
        json_request(Method::kPost, "/v1/auth/login",
                     R"({"login":")" + login + R"(","password":")" + password + "\"}");
    r.remote_address = address;
    if (!device.empty()) r.headers.emplace_back("cookie", "sp_device=" + device);
    return h_.send(std::move(r));
  }
  static std::string device_cookie_of(const http::Response& r) {
    for (const auto& [name, value] : r.headers) {
      if (name == "Set-Cookie" && value.starts_with("sp_device=")) return value;
    }
    return {};
  }
  static std::string device_token_of(const http::Response& r) {
    const std::string cookie = device_cookie_of(r);
    const auto eq = cookie.find('=');
    return cookie.substr(eq + 1, cookie.find(';') - eq - 1);
  }
  // Signs `handle` up (from another address) and logs in once from kAddress: its device token.
  std::string user_with_device(const std::string& handle) {
    h_.sign_up(handle);
    http::Response r = log_in(handle, std::string(testing::kPassword));
    EXPECT_EQ(r.status, 200) << r.body;
    return device_token_of(r);
  }
  // `count` failed log-ins from kAddress, each against a different (unknown) account.
  void stuff(int count) {
    for (int i = 0; i < count; ++i) log_in("victim" + std::to_string(i), "Password123!");
  }
};

TEST_F(DeviceCookies, ASuccessfulLoginSetsAStrictHttpOnlyDeviceCookie) {
  h_.sign_up("ada");
  http::Response r = log_in("ada", std::string(testing::kPassword));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = device_cookie_of(r);
  EXPECT_TRUE(cookie.starts_with("sp_device=")) << cookie;
  EXPECT_EQ(device_token_of(r).size(), 43u);  // 256 random bits, base64url
  EXPECT_NE(cookie.find("; Path=/v1/auth;"), std::string::npos);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_TRUE(refresh_token_of(r).size() == 43u);  // the refresh cookie stays first
  // A trusted device is not given another one.
  EXPECT_EQ(device_cookie_of(
                log_in("ada", std::string(testing::kPassword), kAddress, device_token_of(r))),
            "");
}

TEST_F(DeviceCookies, StuffingFromAnAddressDoesNotStopAUserWithADeviceCookie) {
  const std::string ada_device = user_with_device("ada");
  h_.sign_up("bob");
  stuff(50);
  http::Response ada = log_in("ada", std::string(testing::kPassword), kAddress, ada_device);
  EXPECT_EQ(ada.status, 200) << ada.body;
  // Without a device cookie that address is throttled.
  http::Response bob = log_in("bob", std::string(testing::kPassword));
  expect_problem(bob, 429);
  EXPECT_NE(bob.header("retry-after"), "");
  // From another address bob is fine: only the stuffing address is held.
  EXPECT_EQ(log_in("bob", std::string(testing::kPassword), "192.0.2.77").status, 200);
}

TEST_F(DeviceCookies, OneUsersTyposDoNotThrottleOthersBehindTheAddress) {
  h_.sign_up("ada");
  h_.sign_up("bob");
  for (int i = 0; i < 30; ++i) {
    if (i > 0) h_.clock().advance(16min);  // past ada's own delay: every typo is evaluated
    EXPECT_EQ(log_in("ada", "not my password at all").status, 401) << i;
  }
  EXPECT_EQ(log_in("bob", std::string(testing::kPassword)).status, 200);
}

TEST_F(DeviceCookies, AnAttackerLockingTheAccountDoesNotLockTheOwnersDevice) {
  const std::string ada_device = user_with_device("ada");
  for (int i = 0; i < 100; ++i) {  // from many addresses, so only the account lock holds
    log_in("ada", "guess number " + std::to_string(i), "198.18.0." + std::to_string(i));
    h_.clock().advance(16min);
  }
  http::Response attacker = log_in("ada", std::string(testing::kPassword), "198.18.1.1");
  expect_problem(attacker, 429);  // locked for untrusted clients, even with the right password
  EXPECT_EQ(log_in("ada", std::string(testing::kPassword), kAddress, ada_device).status, 200);
}

TEST_F(DeviceCookies, ADeviceCookieOfAnotherAccountIsNoHelp) {
  const std::string bob_device = user_with_device("bob");
  h_.sign_up("ada");
  stuff(50);
  expect_problem(log_in("ada", std::string(testing::kPassword), kAddress, bob_device), 429);
  expect_problem(log_in("ada", std::string(testing::kPassword), kAddress, "forged-token"), 429);
}

TEST_F(DeviceCookies, WrongPasswordsOnATrustedDeviceAreThrottledPerDevice) {
  const std::string ada_device = user_with_device("ada");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(log_in("ada", "typo typo typo", kAddress, ada_device).status, 401);
  }
  expect_problem(log_in("ada", "typo typo typo", kAddress, ada_device), 401);
  expect_problem(log_in("ada", std::string(testing::kPassword), kAddress, ada_device), 429);
  // The same account from an untrusted client is not held by the device's count.
  EXPECT_EQ(log_in("ada", std::string(testing::kPassword), "192.0.2.88").status, 200);
}

}  // namespace
}  // namespace sp::auth
