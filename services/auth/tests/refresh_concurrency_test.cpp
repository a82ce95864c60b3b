// Two concurrent uses of one refresh token: exactly one wins, on every backend. The guarantee is
// the conditional UPDATE ... WHERE rotated_at IS NULL, so it is tested where MVCC could break it.
#include <gtest/gtest.h>

#include <atomic>
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
    h_ = std::make_unique<AuthHarness>(GetParam());
  }
  std::unique_ptr<AuthHarness> h_;
};

TEST_P(ConcurrentRefresh, ExactlyOneOfTwoSimultaneousUsesWins) {
  const SignedIn ada = h_->sign_up("ada");
  for (int trial = 0; trial < 20; ++trial) {
    auto session =
        h_->flows().login.log_in({"ada", std::string(testing::kPassword)}, AuthHarness::client());
    ASSERT_TRUE(session.ok());
    std::atomic<int> ready{0};
    std::atomic<int> wins{0};
    auto use = [&] {
      ready.fetch_add(1);
      while (ready.load() < 2) std::this_thread::yield();
      if (h_->flows().sessions.rotate(session->refresh.token, AuthHarness::client()).ok()) {
        wins.fetch_add(1);
      }
    };
    std::thread first(use), second(use);
    first.join();
    second.join();
    EXPECT_EQ(wins.load(), 1) << "trial " << trial;
  }
  // Each race counts as reuse: the loser revoked its family.
  EXPECT_EQ(h_->flows().sessions.sessions_of(ada.user.id)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentRefresh, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace sp::auth
