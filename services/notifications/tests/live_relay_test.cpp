// LiveRelay's message format (pure) and two hubs relaying through one in-process bus, as two
// replicas do through Redis (the Redis adapter passes the same PubSub conformance suite:
// packages/cache/src/pubsub_conformance_test.cpp; the real binaries: blackbox
// NotificationsAcrossReplicas).
#include <gtest/gtest.h>

#include <atomic>

#include "logic/live_relay.hpp"

namespace sp::notifications {
namespace {

TEST(LiveRelay, MessagesRoundTripAndSplit) {
  std::vector<int64_t> users;
  for (int64_t i = 1; i <= 1'001; ++i) users.push_back(i * 1'000'003);
  auto messages = encode_live_messages("abc", users);
  ASSERT_EQ(messages.size(), 3u);  // 500 + 500 + 1
  std::vector<int64_t> back;
  for (const auto& m : messages) {
    auto decoded = decode_live_message(m);
    ASSERT_TRUE(decoded.has_value()) << m;
    EXPECT_EQ(decoded->origin, "abc");
    back.insert(back.end(), decoded->users.begin(), decoded->users.end());
  }
  EXPECT_EQ(back, users);
  EXPECT_TRUE(encode_live_messages("abc", {}).empty());
}

TEST(LiveRelay, MalformedMessagesAreRefused) {
  for (std::string_view bad : {"", "abc", " 1", "abc ", "abc 1,", "abc x", "abc 1,,2", "abc -4",
                               "abc 0", "abc 99999999999999999999"}) {
    EXPECT_FALSE(decode_live_message(bad).has_value()) << bad;
  }
  EXPECT_EQ(decode_live_message("o 7,8")->users, (std::vector<int64_t>{7, 8}));
}

TEST(LiveRelay, GoingLiveWakesEveryStream) {
  auto bus = cache::PubSub::create({}).value();
  LiveHub hub;
  std::atomic<int> calls{0};
  hub.subscribe(7, [&] { ++calls; });
  LiveRelay relay(hub, *bus);  // the in-process bus is live at once
  EXPECT_EQ(calls.load(), 1);
}

TEST(LiveRelay, AReplicaHearsAnotherReplicasSignalsButNotItsOwnTwice) {
  auto bus = cache::PubSub::create({}).value();  // in-process: both "replicas" share it
  LiveHub hub_a, hub_b;
  LiveRelay relay_a(hub_a, *bus);
  LiveRelay relay_b(hub_b, *bus);
  ASSERT_NE(relay_a.origin(), relay_b.origin());
  std::atomic<int> a_calls{0}, b_calls{0}, b_other{0};
  hub_a.subscribe(7, [&] { ++a_calls; });
  hub_b.subscribe(7, [&] { ++b_calls; });
  hub_b.subscribe(8, [&] { ++b_other; });
  hub_a.publish({7});
  EXPECT_EQ(a_calls.load(), 1);  // signalled locally once, its own echo skipped
  EXPECT_EQ(b_calls.load(), 1);  // through the bus
  EXPECT_EQ(b_other.load(), 0);
}

}  // namespace
}  // namespace sp::notifications
