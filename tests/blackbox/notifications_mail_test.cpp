// Notification mail over real SMTP (a python3-aiosmtpd server on loopback) from the real binary:
// the verification mail's link carries a token auth accepts, notification mails carry RFC 8058
// one-click unsubscribe that works without logging in, and a kill -9 in the middle of a batch
// then a restart delivers every queued mail, each under one Message-ID.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>

#include "profile_client.hpp"
#include "smtp_sink.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/envelope.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::testing {
namespace {

using http::Method;

bool poll(const std::function<bool()>& condition,
          std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  return sp::testing::eventually(condition, timeout);
}

std::string decoded_text(const ReceivedMail& m) {
  // The text part is base64; decode the first part for assertions.
  const std::string marker =
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n";
  auto at = m.raw.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  std::string b64 = m.raw.substr(at, m.raw.find("--", at) - at);
  std::erase(b64, '\r');
  std::erase(b64, '\n');
  static const std::string chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : b64) {
    auto pos = chars.find(c);
    if (pos == std::string::npos) break;
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

class NotificationMail : public ::testing::Test {
 protected:
  void SetUp() override {
    sink_ = std::make_unique<SmtpSink>();
    ASSERT_TRUE(sink_->started()) << "python3-aiosmtpd did not start (scripts/bootstrap)";
    options_ = profile_server_options("sqlite");
    options_.env["STRANGEPROMPT_NOTIFICATIONS__SMTP_URL"] = sink_->url();
    options_.env["STRANGEPROMPT_NOTIFICATIONS__MAIL_POLL_MS"] = "50";
    options_.env["STRANGEPROMPT_NOTIFICATIONS__MAIL_LEASE_MS"] = "2000";
    options_.env["STRANGEPROMPT_NOTIFICATIONS__PUBLIC_BASE_URL"] = "https://sp.example";
    options_.env["STRANGEPROMPT_NOTIFICATIONS__UNSUBSCRIBE_KEY"] =
        "k3y-for-unsubscribe-tokens-0123";
    start();
  }
  void start() {
    server_ = std::make_unique<ServerProcess>(options_);
    ASSERT_TRUE(server_->started()) << server_->log();
    options_.data_dir = server_->data_dir();
    api_ = std::make_unique<ProfileClient>(*server_);
  }
  std::vector<ReceivedMail> mails_to(const std::string& address) {
    std::vector<ReceivedMail> out;
    for (auto& m : sink_->mails()) {
      if (m.header("X-Envelope-To") == "<" + address + ">" ||
          m.header("X-Envelope-To") == address) {
        out.push_back(std::move(m));
      }
    }
    return out;
  }

  std::unique_ptr<SmtpSink> sink_;
  ServerProcessOptions options_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ProfileClient> api_;
};

TEST_F(NotificationMail, TheVerificationMailCarriesALinkTheWebAppServesWithARealToken) {
  TestUser ann = api_->sign_up("mail_ann");
  ASSERT_FALSE(ann.token.empty());
  ASSERT_TRUE(poll([&] { return mails_to("mail_ann@example.com").size() == 1; }));
  ReceivedMail m = mails_to("mail_ann@example.com")[0];
  EXPECT_NE(m.header("Content-Type").find("multipart/alternative"), std::string::npos);
  EXPECT_TRUE(m.header("List-Unsubscribe").empty());  // transactional: no unsubscribe
  EXPECT_NE(m.header("Message-ID").find("@strangeprompt>"), std::string::npos);
  const std::string text = decoded_text(m);
  const std::string prefix = "https://sp.example/verify-email?token=";
  auto at = text.find(prefix);
  ASSERT_NE(at, std::string::npos) << text;
  at += prefix.size();
  const std::string token = text.substr(at, text.find('\n', at) - at);
  auto verify = api_->call(Method::kPost, "/v1/auth/email/verify", R"({"token":")" + token + "\"}");
  EXPECT_LT(verify.status, 300) << verify.body;
  // A password reset mails the reset link.
  auto forgot =
      api_->call(Method::kPost, "/v1/auth/password/forgot", R"({"email":"mail_ann@example.com"})");
  EXPECT_EQ(forgot.status, 202) << forgot.body;
  ASSERT_TRUE(poll([&] { return mails_to("mail_ann@example.com").size() == 2; }));
  EXPECT_NE(decoded_text(mails_to("mail_ann@example.com")[1])
                .find("https://sp.example/reset-password?token="),
            std::string::npos);
}

TEST_F(NotificationMail, OneClickUnsubscribeWorksWithoutLoginAndStopsThatCategory) {
  TestUser ann = api_->sign_up("mail_bea");
  TestUser bob = api_->sign_up("mail_bob");
  TestUser cat = api_->sign_up("mail_cat");
  ASSERT_TRUE(poll([&] { return mails_to("mail_bea@example.com").size() == 1; }));  // verify
  auto prefs = api_->call(Method::kPatch, "/v1/profiles/me/preferences",
                          R"({"notifications":{"follows":{"email":true}}})", ann.token);
  ASSERT_EQ(prefs.status, 200) << prefs.body;
  // The preference reaches notifications asynchronously: follow until a mail comes.
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/mail_bea/follow", {}, bob.token).status, 204);
  ASSERT_TRUE(poll([&] {
    if (mails_to("mail_bea@example.com").size() >= 2) return true;
    api_->call(Method::kDelete, "/v1/profiles/mail_bea/follow", {}, bob.token);
    api_->call(Method::kPut, "/v1/profiles/mail_bea/follow", {}, bob.token);
    return false;
  }));
  ReceivedMail m = mails_to("mail_bea@example.com")[1];
  EXPECT_EQ(m.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  const std::string list = m.header("List-Unsubscribe");
  const std::string prefix = "<https://sp.example/v1/notifications/unsubscribe?token=";
  ASSERT_EQ(list.rfind(prefix, 0), 0u) << list;
  const std::string token = list.substr(prefix.size(), list.size() - prefix.size() - 1);
  // A forged token changes nothing; the real one works without any Authorization.
  EXPECT_EQ(api_->call(Method::kPost, "/v1/notifications/unsubscribe?token=" + token + "x",
                       "List-Unsubscribe=One-Click", {},
                       {{"content-type", "application/x-www-form-urlencoded"}})
                .status,
            400);
  auto un = api_->call(Method::kPost, "/v1/notifications/unsubscribe?token=" + token,
                       "List-Unsubscribe=One-Click", {},
                       {{"content-type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(un.status, 200) << un.body;
  EXPECT_EQ(json::parse(un.body).at("category").as_string(), "follows");
  ASSERT_EQ(api_->call(Method::kPut, "/v1/profiles/mail_bea/follow", {}, cat.token).status, 204);
  // Marker: once cat's follow is in the inbox, a reset mail requested now arrives after anything
  // that follow could have queued.
  ASSERT_TRUE(poll([&] {
    auto inbox = api_->get_object("/v1/notifications?limit=100", ann.token);
    if (!inbox.contains("items")) return false;
    for (const auto& item : inbox.at("items").as_array()) {
      if (item.at("kind").as_string() == "follow" && item.at("actors").as_array().size() == 1 &&
          item.at("actors").as_array()[0].at("handle").as_string() == "mail_cat") {
        return true;
      }
    }
    return false;
  }));
  api_->call(Method::kPost, "/v1/auth/password/forgot", R"({"email":"mail_bea@example.com"})");
  auto count = [&](const std::string& subject_part) {
    std::size_t n = 0;
    for (const auto& mail : mails_to("mail_bea@example.com")) {
      if (mail.header("Subject").find(subject_part) != std::string::npos) ++n;
    }
    return n;
  };
  ASSERT_TRUE(poll([&] { return count("Reset your StrangePrompt password") == 1; }));
  EXPECT_EQ(count("mail_cat started following you"), 0u);
  EXPECT_GE(count("mail_bob started following you"), 1u);
}

TEST_F(NotificationMail, AKillDuringABatchThenARestartDeliversEveryMailUnderOneMessageId) {
  constexpr int kMails = 40;
  auto log =
      events::EventLog::open({.backend = "embedded", .path = server_->data_dir() + "/events.db"});
  ASSERT_TRUE(log.ok()) << log.error().message;
  for (int i = 0; i < kMails; ++i) {
    const std::string user = std::to_string(700000 + i);
    json::object data{{"userId", user},
                      {"handle", "r" + std::to_string(i)},
                      {"email", "r" + std::to_string(i) + "@example.com"},
                      {"resetToken", "reset-token-0123456789-" + std::to_string(i)},
                      {"expiresAt", "2030-01-01T00:00:00Z"}};
    events::Envelope e{.id = "reset-" + std::to_string(i),
                       .type = "user.password_reset_requested",
                       .version = 1,
                       .occurred_at_ms = Clock::system().now_ms(),
                       .key = user,
                       .data_json = json::serialize(data)};
    ASSERT_TRUE((*log)->append(e.type, e.key, *e.to_json()).ok());
  }
  ASSERT_TRUE(poll([&] { return sink_->mails().size() >= 5; }));
  server_->kill_hard();
  const std::size_t at_kill = sink_->mails().size();
  start();
  std::map<std::string, std::set<std::string>> ids_by_recipient;
  ASSERT_TRUE(poll([&] {
    ids_by_recipient.clear();
    for (const auto& m : sink_->mails()) {
      ids_by_recipient[m.header("X-Envelope-To")].insert(m.header("Message-ID"));
    }
    return ids_by_recipient.size() == static_cast<std::size_t>(kMails);
  })) << "received "
      << ids_by_recipient.size() << " of " << kMails;
  for (const auto& [to, ids] : ids_by_recipient) EXPECT_EQ(ids.size(), 1u) << to;
  // At most the one mail in flight at the kill is transmitted again (same Message-ID).
  EXPECT_LE(sink_->mails().size(), static_cast<std::size_t>(kMails + 1));
  std::cout << "mails at kill: " << at_kill << ", transmissions: " << sink_->mails().size()
            << " for " << kMails << " mails\n";
}

}  // namespace
}  // namespace sp::testing
