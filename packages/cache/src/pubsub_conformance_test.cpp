// The PubSub contract, run against every adapter. `publisher_` and `subscriber_` share one
// backend: the same object in-process, two adapter instances (two processes' worth of
// connections) on Redis, so every test also proves delivery across instances there.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <ostream>
#include <thread>
#include <vector>

#include "strangeprompt/cache/pubsub.hpp"
#include "strangeprompt/cache/testing/redis.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp::cache {
namespace {

using namespace std::chrono_literals;

struct PubSubBackend {
  std::string name;
  std::string backend;
  friend void PrintTo(const PubSubBackend& b, std::ostream* os) { *os << b.name; }
};

// What one subscription received, in order.
class Inbox {
 public:
  PubSub::Handler handler() {
    return [this](std::string_view m) {
      std::lock_guard lock(mu_);
      got_.emplace_back(m);
    };
  }
  std::vector<std::string> got() const {
    std::lock_guard lock(mu_);
    return got_;
  }
  // Polls until `n` messages arrived or 10 s passed.
  bool wait_for(std::size_t n) const {
    return sp::testing::eventually([&] { return got().size() >= n; });
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> got_;
};

class PubSubConformance : public ::testing::TestWithParam<PubSubBackend> {
 protected:
  void SetUp() override {
    PubSubOptions o{.backend = GetParam().backend};
    if (o.backend == "redis") {
      if (auto why = testing::redis_unavailable_reason()) GTEST_SKIP() << *why;
      o.redis.url = *testing::redis_url_for_tests();
      o.redis.key_prefix = testing::unique_key_prefix();  // tests share one server
      o.redis.command_timeout = 5s;                       // 2 busy cores: no spurious timeouts
    }
    auto a = PubSub::create(o);
    ASSERT_TRUE(a.ok()) << a.error().message;
    publisher_owned_ = std::move(a).value();
    publisher_ = publisher_owned_.get();
    if (o.backend == "memory") {
      subscriber_ = publisher_;
    } else {
      auto b = PubSub::create(o);
      ASSERT_TRUE(b.ok());
      subscriber_owned_ = std::move(b).value();
      subscriber_ = subscriber_owned_.get();
    }
  }
  std::unique_ptr<Subscription> live(std::string channel, Inbox& inbox) {
    auto s = subscriber_->subscribe(std::move(channel), inbox.handler());
    EXPECT_TRUE(s->wait_live(10s));
    return s;
  }

  std::unique_ptr<PubSub> publisher_owned_;
  std::unique_ptr<PubSub> subscriber_owned_;
  PubSub* publisher_ = nullptr;
  PubSub* subscriber_ = nullptr;
};

TEST_P(PubSubConformance, ALiveSubscriberGetsTheMessage) {
  Inbox inbox;
  auto sub = live("signals", inbox);
  ASSERT_TRUE(publisher_->publish("signals", "42").ok());
  ASSERT_TRUE(inbox.wait_for(1));
  EXPECT_EQ(inbox.got(), std::vector<std::string>{"42"});
}

TEST_P(PubSubConformance, EverySubscriberOfTheChannelGetsIt) {
  Inbox one, two;
  auto a = live("signals", one);
  auto b = live("signals", two);
  ASSERT_TRUE(publisher_->publish("signals", "hello").ok());
  ASSERT_TRUE(one.wait_for(1));
  ASSERT_TRUE(two.wait_for(1));
  EXPECT_EQ(one.got(), std::vector<std::string>{"hello"});
  EXPECT_EQ(two.got(), std::vector<std::string>{"hello"});
}

TEST_P(PubSubConformance, OtherChannelsAreNotDelivered) {
  Inbox mine, theirs;
  auto a = live("mine", mine);
  auto b = live("theirs", theirs);
  ASSERT_TRUE(publisher_->publish("theirs", "not for you").ok());
  ASSERT_TRUE(publisher_->publish("mine", "for you").ok());
  ASSERT_TRUE(mine.wait_for(1));
  ASSERT_TRUE(theirs.wait_for(1));
  EXPECT_EQ(mine.got(), std::vector<std::string>{"for you"});
  EXPECT_EQ(theirs.got(), std::vector<std::string>{"not for you"});
}

TEST_P(PubSubConformance, MessagesArriveInOrderAndBinarySafe) {
  Inbox inbox;
  auto sub = live("ordered", inbox);
  std::vector<std::string> sent;
  for (int i = 0; i < 50; ++i) sent.push_back("m" + std::to_string(i));
  sent.push_back(std::string("nul\0byte\r\nand space", 19));
  sent.push_back("");
  for (const auto& m : sent) ASSERT_TRUE(publisher_->publish("ordered", m).ok());
  ASSERT_TRUE(inbox.wait_for(sent.size()));
  EXPECT_EQ(inbox.got(), sent);
}

TEST_P(PubSubConformance, ADroppedSubscriptionGetsNothingMore) {
  Inbox dropped, kept;
  auto a = live("signals", dropped);
  auto b = live("signals", kept);
  ASSERT_TRUE(publisher_->publish("signals", "first").ok());
  ASSERT_TRUE(dropped.wait_for(1));
  a.reset();
  ASSERT_TRUE(publisher_->publish("signals", "second").ok());
  ASSERT_TRUE(kept.wait_for(2));  // the second arrived where a subscriber is left
  EXPECT_EQ(dropped.got(), std::vector<std::string>{"first"});
}

TEST_P(PubSubConformance, ResubscribingAfterTheLastOneLeftWorks) {
  Inbox first, again;
  live("signals", first).reset();  // the channel's only subscriber leaves
  auto sub = live("signals", again);
  ASSERT_TRUE(publisher_->publish("signals", "back").ok());
  ASSERT_TRUE(again.wait_for(1));
  EXPECT_EQ(again.got(), std::vector<std::string>{"back"});
  EXPECT_TRUE(first.got().empty());
}

TEST_P(PubSubConformance, OnLiveRunsOnceTheSubscriptionIsLive) {
  std::atomic<int> lives{0};
  Inbox inbox;
  auto sub = subscriber_->subscribe("signals", inbox.handler(), [&] { ++lives; });
  ASSERT_TRUE(sub->wait_live(10s));
  sp::testing::eventually([&] { return lives.load() >= 1; });
  EXPECT_GE(lives.load(), 1);
  // A second subscriber of a channel already live hears of it too.
  std::atomic<int> second{0};
  Inbox other;
  auto again = subscriber_->subscribe("signals", other.handler(), [&] { ++second; });
  ASSERT_TRUE(again->wait_live(10s));
  ASSERT_TRUE(publisher_->publish("signals", "x").ok());
  ASSERT_TRUE(other.wait_for(1));
  EXPECT_GE(second.load(), 1);
}

TEST_P(PubSubConformance, PublishingWithoutSubscribersIsFine) {
  EXPECT_TRUE(publisher_->publish("nobody", "x").ok());
}

TEST_P(PubSubConformance, AHandlerMayPublishAndDropItsOwnSubscription) {
  Inbox echoes;
  auto echo_sub = live("echo", echoes);
  std::unique_ptr<Subscription> self;
  std::atomic<int> calls{0};
  self = subscriber_->subscribe("ping", [&](std::string_view m) {
    ++calls;
    (void)publisher_->publish("echo", m);
    self.reset();  // no call after this one
  });
  ASSERT_TRUE(self->wait_live(10s));
  ASSERT_TRUE(publisher_->publish("ping", "one").ok());
  ASSERT_TRUE(echoes.wait_for(1));
  ASSERT_TRUE(publisher_->publish("ping", "two").ok());
  ASSERT_TRUE(publisher_->publish("echo", "marker").ok());
  ASSERT_TRUE(echoes.wait_for(2));
  EXPECT_EQ(echoes.got(), (std::vector<std::string>{"one", "marker"}));
  EXPECT_EQ(calls.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PubSubConformance,
                         ::testing::Values(PubSubBackend{"memory", "memory"},
                                           PubSubBackend{"redis", "redis"}),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(PubSubFactory, RefusesAnUnknownBackendAndABadUrl) {
  EXPECT_EQ(PubSub::create({.backend = "kafka"}).error().code, ErrorCode::kInvalidArgument);
  PubSubOptions bad{.backend = "redis"};
  bad.redis.url = "cache:6379";
  EXPECT_EQ(PubSub::create(bad).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sp::cache
