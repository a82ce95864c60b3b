// Two concurrent uses of one refresh token, on every backend. The guarantee is the conditional
// UPDATE ... WHERE rotated_at IS NULL, so it is tested where MVCC could break it: exactly one use
// rotates. With the reuse grace (the default) the other use answers the same successor and the
// session lives (two browser tabs refreshing at once); with the grace off it is reuse.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "strangeprompt/db/testing/postgres.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

using testing::AuthHarness;

class ConcurrentRefresh : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (auto reason = db::testing::backend_unavailable_reason(GetParam())) GTEST_SKIP() << *reason;
  }
  void start(int64_t grace_ms) {
    AuthSettings settings = testing::test_settings();
    settings.refresh_reuse_grace_ms = grace_ms;
    h_ = std::make_unique<AuthHarness>(GetParam(), settings);
  }
  // Presents `token` from two threads at once; the successful answers.
  std::vector<Rotation> use_twice_at_once(const std::string& token) {
    std::atomic<int> ready{0};
    std::mutex mutex;
    std::vector<Rotation> wins;
    auto use = [&] {
      ready.fetch_add(1);
      while (ready.load() < 2) std::this_thread::yield();
      auto rotated = h_->flows().sessions.rotate(token, AuthHarness::client());
      if (rotated.ok()) {
        std::lock_guard lock(mutex);
        wins.push_back(std::move(*rotated));
      }
    };
    std::thread first(use), second(use);
    first.join();
    second.join();
    return wins;
  }
  std::unique_ptr<AuthHarness> h_;
};

TEST_P(ConcurrentRefresh, TwoSimultaneousUsesBothGetTheSameSuccessor) {
  start(/*grace_ms=*/10'000);
  const SignedIn ada = h_->sign_up("ada");
  for (int trial = 0; trial < 20; ++trial) {
    auto session =
        h_->flows().login.log_in({"ada", std::string(testing::kPassword)}, AuthHarness::client());
    ASSERT_TRUE(session.ok());
    auto wins = use_twice_at_once(session->refresh.token);
    ASSERT_EQ(wins.size(), 2u) << "trial " << trial;
    EXPECT_EQ(wins[0].next.token, wins[1].next.token) << "trial " << trial;
    EXPECT_EQ(wins[0].next.family_id, session->refresh.family_id);
    EXPECT_EQ(wins[1].next.family_id, session->refresh.family_id);
    // Exactly one rotation happened: the shared successor is the family's one live token.
    EXPECT_TRUE(h_->flows().sessions.rotate(wins[0].next.token, AuthHarness::client()).ok())
        << "trial " << trial;
  }
  // No race revoked anything: the sign-up's session and the 20 raced ones are live.
  EXPECT_EQ(h_->flows().sessions.sessions_of(ada.user.id)->size(), 21u);
}

TEST_P(ConcurrentRefresh, WithTheGraceOffExactlyOneOfTwoSimultaneousUsesWins) {
  start(/*grace_ms=*/0);
  const SignedIn ada = h_->sign_up("ada");
  for (int trial = 0; trial < 20; ++trial) {
    auto session =
        h_->flows().login.log_in({"ada", std::string(testing::kPassword)}, AuthHarness::client());
    ASSERT_TRUE(session.ok());
    EXPECT_EQ(use_twice_at_once(session->refresh.token).size(), 1u) << "trial " << trial;
  }
  // Each race counts as reuse: the loser revoked its family.
  EXPECT_EQ(h_->flows().sessions.sessions_of(ada.user.id)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentRefresh, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::auth
