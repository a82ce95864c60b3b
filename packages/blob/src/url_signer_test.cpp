#include "strangeprompt/blob/url_signer.hpp"

#include <gtest/gtest.h>

namespace sp::blob {
namespace {

using namespace std::chrono_literals;

constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";

// The exp and sig values of a "?exp=...&sig=..." query.
std::pair<std::string, std::string> split_query(const std::string& q) {
  const auto amp = q.find("&sig=");
  return {q.substr(5, amp - 5), q.substr(amp + 5)};
}

class UrlSignerTest : public ::testing::Test {
 protected:
  ManualClock clock_{1'750'000'000'000};
  UrlSigner signer_ = UrlSigner::create(kSecret, clock_).value();
};

TEST_F(UrlSignerTest, SignatureMatchesHmacSha256KnownAnswer) {
  EXPECT_EQ(signer_.sign("/media/a.png", 60s),
            "?exp=1750000060&sig=9Q3iWD1GNx7-lTmRFMAtAEtRQkV0ZZoVPLnz12ecGNY");
}

TEST_F(UrlSignerTest, FreshSignatureVerifies) {
  auto [exp, sig] = split_query(signer_.sign("/media/a.png", 60s));
  EXPECT_TRUE(signer_.verify("/media/a.png", exp, sig).ok());
}

TEST_F(UrlSignerTest, ExpiredSignatureIsGone) {
  auto [exp, sig] = split_query(signer_.sign("/media/a.png", 60s));
  clock_.advance(59'999ms);
  EXPECT_TRUE(signer_.verify("/media/a.png", exp, sig).ok());
  clock_.advance(1ms);
  auto s = signer_.verify("/media/a.png", exp, sig);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kGone);
}

TEST_F(UrlSignerTest, TamperingIsDenied) {
  auto [exp, sig] = split_query(signer_.sign("/media/a.png", 60s));
  std::string flipped = sig;
  flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
  const struct {
    const char* name;
    std::string path, exp, sig;
  } cases[] = {
      {"other path", "/media/b.png", exp, sig},
      {"longer expiry", "/media/a.png", std::to_string(std::stoll(exp) + 3600), sig},
      {"flipped signature", "/media/a.png", exp, flipped},
      {"truncated signature", "/media/a.png", exp, sig.substr(0, sig.size() - 1)},
      {"empty signature", "/media/a.png", exp, ""},
      {"non-numeric expiry", "/media/a.png", exp + "x", sig},
      {"empty expiry", "/media/a.png", "", sig},
      {"negative expiry", "/media/a.png", "-1", sig},
  };
  for (const auto& c : cases) {
    auto s = signer_.verify(c.path, c.exp, c.sig);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.error().code, ErrorCode::kPermissionDenied) << c.name;
  }
}

TEST_F(UrlSignerTest, TamperedExpiredUrlIsDeniedNotGone) {
  auto [exp, sig] = split_query(signer_.sign("/media/a.png", 60s));
  clock_.advance(1h);
  EXPECT_EQ(signer_.verify("/media/b.png", exp, sig).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(UrlSignerTest, AnotherSecretDoesNotVerify) {
  auto other = UrlSigner::create("another secret of thirty-two bytes!!", clock_).value();
  auto [exp, sig] = split_query(other.sign("/media/a.png", 60s));
  EXPECT_EQ(signer_.verify("/media/a.png", exp, sig).error().code, ErrorCode::kPermissionDenied);
}

TEST(UrlSigner, ShortSecretIsRejected) {
  auto r = UrlSigner::create("too short");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sp::blob
