// Fault tests of the split platform (issue 13, "Faults"): real processes of the binary on
// loopback, real engines, real faults (SIGKILL, SIGSTOP), bounded by deadlines, no sleeps that
// order events (every wait polls a condition).
//
//  - ReplicaKill: two gallery replicas on one PostgreSQL schema behind `--target=gateway`;
//    concurrent GET reads and a writer of comments (POST) through the gateway; one replica is
//    killed with SIGKILL mid-load. Every read succeeds (retried on the other replica), the dead
//    replica's breaker opens and its half-open probes fail over too; a POST may get 502/504
//    (never retried) and then may or may not have been written, every 201 was.
//  - KafkaFaults.AStoppedConsumer...: the analytics process (consumer of gallery.comments on
//    Kafka) is frozen with SIGSTOP, then killed with SIGKILL twice while comments are written; it
//    catches up from its committed position and counts every comment exactly once.
//  - KafkaFaults.TheOutboxRelayKilled...: the process running the gallery's outbox relay is
//    killed with SIGKILL while the relay is stuck mid-batch (its Kafka cluster frozen with
//    SIGSTOP); after a restart every pending event reaches Kafka (duplicates allowed:
//    at-least-once) and analytics counts each comment exactly once (deduplication on the
//    envelope id).
#include <gtest/gtest.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server_process.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;
using http::Method;
using namespace std::chrono_literals;

constexpr const char* kPassword = "violet-harbor-lantern-42";

std::string unique_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000);
}

http::ClientResponse call(http::HttpClient& client, const std::string& base, Method method,
                          const std::string& path, const std::string& token = {},
                          std::string body = {}) {
  http::Headers headers;
  if (!body.empty()) headers.emplace_back("content-type", "application/json");
  if (!token.empty()) headers.emplace_back("authorization", "Bearer " + token);
  auto r = client.send({method, base + path, std::move(headers), std::move(body)});
  return r.ok() ? std::move(*r) : http::ClientResponse{};
}

http::ClientResponse call(const std::string& base, Method method, const std::string& path,
                          const std::string& token = {}, std::string body = {}) {
  auto client = http::HttpClient::create();
  return call(*client, base, method, path, token, std::move(body));
}

struct User {
  std::string id;
  std::string handle;
  std::string token;
};

// Signs a new user up at `auth`, then waits until `gallery` learnt the handle (user.signup).
User sign_up(const std::string& auth, const std::string& gallery, const std::string& prefix) {
  const std::string handle = prefix + "_" + unique_suffix().substr(0, 6);
  json::object req{{"email", handle + "@example.com"}, {"handle", handle}, {"password", kPassword}};
  auto r = call(auth, Method::kPost, "/v1/auth/signup", {}, json::serialize(req));
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {};
  auto o = json::parse(r.body).as_object();
  EXPECT_TRUE(eventually(
      [&] {
        return call(gallery, Method::kGet, "/v1/gallery/users/" + handle + "/posts").status == 200;
      },
      30s))
      << "the gallery never learnt " << handle;
  return {std::string(o["user"].as_object()["id"].as_string()), handle,
          std::string(o["accessToken"].as_string())};
}

std::string create_post(const std::string& gallery, const User& u, const std::string& title) {
  json::object fields{{"title", title}, {"prompt", "a quiet harbour at dawn, " + title}};
  auto r = call(gallery, Method::kPost, "/v1/gallery/posts", u.token, json::serialize(fields));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? std::string(json::parse(r.body).as_object()["id"].as_string()) : "";
}

// The value of the metric line `name{labels}` in `metrics`, or -1 when absent.
double metric(const std::string& metrics, const std::string& series) {
  const std::string needle = series + " ";
  std::size_t at = 0;
  while ((at = metrics.find(needle, at)) != std::string::npos) {
    if (at == 0 || metrics[at - 1] == '\n') {
      const std::size_t value = at + needle.size();
      return std::stod(metrics.substr(value, metrics.find('\n', value) - value));
    }
    at += needle.size();
  }
  return -1;
}

// Waits until `pid` is stopped (state T in /proc): SIGSTOP has taken effect.
bool wait_stopped(pid_t pid) {
  return eventually(
      [&] {
        std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
        std::string stat;
        std::getline(in, stat);
        const auto paren = stat.rfind(')');
        return paren != std::string::npos && paren + 2 < stat.size() &&
               (stat[paren + 2] == 'T' || stat[paren + 2] == 't');
      },
      10s);
}

// ---------------------------------------------------------------------------------------------
// kill -9 one gallery replica under load.

class ReplicaKill : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason("postgres")) GTEST_SKIP() << *why;
    auto dsn = db::testing::postgres_dsn_for_tests();
    ASSERT_TRUE(dsn);
    const std::string suffix = unique_suffix();
    ServerProcessOptions base;
    base.env["STRANGEPROMPT_HTTP__ACCESS_LOG"] = "false";  // see kafka_process
    base.env["STRANGEPROMPT_AUTH__ARGON2_MEMORY_KIB"] = "64";
    base.env["STRANGEPROMPT_AUTH__ARGON2_OPS"] = "1";
    base.env["STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR"] = "100000";
    base.env["STRANGEPROMPT_DB__BACKEND"] = "postgres";
    base.env["STRANGEPROMPT_DB__POSTGRES_DSN"] = *dsn;
    base.env["STRANGEPROMPT_AUTH__DB__POSTGRES_SCHEMA"] = "flt_auth_" + suffix;
    base.env["STRANGEPROMPT_GALLERY__DB__POSTGRES_SCHEMA"] = "flt_gallery_" + suffix;
    base.env["STRANGEPROMPT_EVENTS__BACKEND"] = "postgres";
    base.env["STRANGEPROMPT_EVENTS__POSTGRES_SCHEMA"] = "flt_events_" + suffix;
    base.env["STRANGEPROMPT_INTERNAL__TOKEN"] = "faults-internal-token-0123456789abcdef";
    // One replica reads the cursors the other signed.
    base.env["STRANGEPROMPT_HTTP__CURSOR_KEY"] = "faults-cursor-key-0123456789abcdef0123";

    ServerProcessOptions a = base;
    a.args = {"serve", "--target=auth"};
    auth_ = std::make_unique<ServerProcess>(a);
    ASSERT_TRUE(auth_->started()) << auth_->log();

    ServerProcessOptions g = base;
    g.args = {"serve", "--target=gallery"};
    g.env["STRANGEPROMPT_AUTH__JWKS_URL"] = auth_->base_url() + "/v1/auth/.well-known/jwks.json";
    g.env["STRANGEPROMPT_AUTH__INTROSPECTION_URL"] = auth_->base_url();
    g.env["STRANGEPROMPT_HTTP__TRUSTED_PROXIES"] = "127.0.0.1/32";
    g.env["STRANGEPROMPT_GALLERY__COMMENTS_PER_MINUTE"] = "10000";
    g.env["STRANGEPROMPT_GALLERY__COMMENT_BURST"] = "10000";
    // One after the other: the first migrates the shared schema, the second finds it done.
    gallery1_ = std::make_unique<ServerProcess>(g);
    ASSERT_TRUE(gallery1_->started()) << gallery1_->log();
    gallery2_ = std::make_unique<ServerProcess>(g);
    ASSERT_TRUE(gallery2_->started()) << gallery2_->log();

    ServerProcessOptions w = base;
    w.args = {"serve", "--target=gateway"};
    w.env["STRANGEPROMPT_GATEWAY__UPSTREAMS__GALLERY"] =
        gallery1_->base_url() + "," + gallery2_->base_url();
    w.env["STRANGEPROMPT_GATEWAY__RATE_LIMIT__PER_SECOND"] = "0";
    // A short cool-down, so the load meets half-open probes of the dead replica too.
    w.env["STRANGEPROMPT_GATEWAY__PROXY__BREAKER_OPEN_MS"] = "300";
    gateway_ = std::make_unique<ServerProcess>(w);
    ASSERT_TRUE(gateway_->started()) << gateway_->log();
  }

  std::string gateway_metrics() {
    return call(gateway_->base_url(), Method::kGet, "/metrics").body;
  }
  std::string breaker(const ServerProcess& replica) {
    return R"(sp_gateway_upstream_breaker_state{upstream="gallery",replica=")" +
           replica.base_url() + "\"}";
  }

  std::unique_ptr<ServerProcess> auth_, gallery1_, gallery2_, gateway_;
};

TEST_F(ReplicaKill, ReadsThroughTheGatewayKeepSucceedingAndTheDeadReplicasBreakerOpens) {
  const std::string gw = gateway_->base_url();
  User ann = sign_up(auth_->base_url(), gallery2_->base_url(), "ann");
  ASSERT_FALSE(ann.token.empty());
  std::vector<std::string> posts;
  for (int i = 0; i < 5; ++i) posts.push_back(create_post(gw, ann, "harbour " + std::to_string(i)));
  ASSERT_EQ(std::count(posts.begin(), posts.end(), ""), 0);

  // The load: kThreads clients, each with its own pooled connections to the gateway, reading a
  // feed page, the next page (its cursor signed by whichever replica answered the first) and a
  // post, in a loop. Every answer that is not a 200 is a failure.
  constexpr int kThreads = 6;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> ok{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(failures_mutex);
    failures.push_back(what);
  };
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      auto client = http::HttpClient::create();
      for (int64_t n = 0; !stop.load(); ++n) {
        auto feed = call(*client, gw, Method::kGet, "/v1/gallery/feed?sort=new&limit=2");
        if (feed.status != 200) {
          fail("feed: " + std::to_string(feed.status) + " " + feed.body);
          continue;
        }
        ++ok;
        json::error_code ec;
        json::value page = json::parse(feed.body, ec);
        if (ec || !page.as_object()["next"].is_string()) {
          fail("feed page without next: " + feed.body);
          continue;
        }
        auto next = call(*client, gw, Method::kGet,
                         "/v1/gallery/feed?sort=new&limit=2&cursor=" +
                             std::string(page.as_object()["next"].as_string()));
        if (next.status != 200) {
          fail("feed page 2: " + std::to_string(next.status) + " " + next.body);
          continue;
        }
        ++ok;
        const std::string& id = posts[static_cast<std::size_t>(n + t) % posts.size()];
        auto post = call(*client, gw, Method::kGet, "/v1/gallery/posts/" + id);
        if (post.status != 200) {
          fail("post " + id + ": " + std::to_string(post.status) + " " + post.body);
          continue;
        }
        ++ok;
      }
    });
  }
  // A writer beside the readers: comments are POSTs, never retried by the gateway (the write may
  // have been done). One sent to the dead replica (in flight at the kill, before its breaker
  // opened, or as a half-open probe) may fail with 502 (504 if it timed out), nothing else; it
  // may or may not have been written. Every 201 was written.
  std::atomic<int64_t> created{0}, created_after_kill{0}, unsure{0};
  std::atomic<bool> killed{false};
  clients.emplace_back([&] {
    auto client = http::HttpClient::create();
    for (int n = 0; !stop.load(); ++n) {
      auto r = call(*client, gw, Method::kPost, "/v1/gallery/posts/" + posts[0] + "/comments",
                    ann.token, R"({"body":"still here )" + std::to_string(n) + "\"}");
      if (r.status == 201) {
        ++created;
        if (killed.load()) ++created_after_kill;
      } else if ((r.status == 502 || r.status == 504) &&
                 r.header("content-type") == "application/problem+json") {
        ++unsure;
      } else {
        fail("comment: " + std::to_string(r.status) + " " + r.body);
      }
    }
  });
  struct Joiner {
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~Joiner() {
      stop = true;
      for (auto& t : threads) t.join();
    }
  } joiner{stop, clients};

  // Both replicas serve the load before the kill.
  ASSERT_TRUE(eventually([&] { return ok.load() >= 150; }, 30s)) << ok.load();
  const std::string metrics_before = gateway_metrics();
  EXPECT_EQ(metric(metrics_before, breaker(*gallery1_)), 0) << metrics_before;

  gallery1_->kill_hard();
  killed = true;
  const int64_t ok_at_kill = ok.load();
  // The breaker of the dead replica opens (5 consecutive failures, each retried on the other
  // replica) and reads keep being answered after it.
  std::string metrics;
  EXPECT_TRUE(eventually(
      [&] {
        metrics = gateway_metrics();
        return metric(metrics, breaker(*gallery1_)) == 1;
      },
      30s))
      << metrics;
  // Reads go on past failed half-open probes (each GET probe failing is retried: retries beyond
  // the 5 that opened the breaker), and writes go on through the live replica.
  ASSERT_TRUE(eventually(
      [&] {
        return ok.load() >= ok_at_kill + 300 && created_after_kill.load() >= 20 &&
               metric(gateway_metrics(),
                      R"(sp_gateway_upstream_retries_total{upstream="gallery"})") >= 7;
      },
      60s))
      << ok.load() - ok_at_kill << " reads and " << created_after_kill.load()
      << " comments after the kill\n"
      << gateway_metrics();
  stop = true;
  for (auto& t : clients) t.join();
  clients.clear();

  {
    std::lock_guard lock(failures_mutex);
    EXPECT_TRUE(failures.empty()) << failures.size()
                                  << " failed reads, first: " << failures.front();
  }
  metrics = gateway_metrics();
  EXPECT_EQ(metric(metrics, breaker(*gallery2_)), 0) << metrics;
  const double retries =
      metric(metrics, R"(sp_gateway_upstream_retries_total{upstream="gallery"})");
  EXPECT_GE(retries, 7) << metrics;
  // Every 201 comment is there; an unsure one may be.
  auto post = call(gw, Method::kGet, "/v1/gallery/posts/" + posts[0]);
  ASSERT_EQ(post.status, 200) << post.body;
  const int64_t count = json::parse(post.body).as_object()["commentCount"].as_int64();
  EXPECT_GE(count, created.load());
  EXPECT_LE(count, created.load() + unsure.load());
  std::cout << "[ faults ] reads: " << ok.load() << " (" << ok.load() - ok_at_kill
            << " after the kill), failed: 0, gateway retries: " << retries
            << "; comments: " << created.load() << " created (" << created_after_kill.load()
            << " after the kill), " << unsure.load() << " answered 502/504, " << count
            << " stored\n";
}

// ---------------------------------------------------------------------------------------------
// Consumers and the outbox relay on Kafka: auth + gallery in one process (the producer of
// gallery.comments through its outbox), analytics in another (a consumer of gallery.comments,
// group analytics.comments.v1, deduplicating on the envelope id), both on SQLite in data dirs
// that survive a restart.

ServerProcessOptions kafka_options(const std::string& target, const std::string& brokers,
                                   const std::string& prefix) {
  ServerProcessOptions o = kafka_process(target, brokers, prefix);
  o.env["STRANGEPROMPT_GALLERY__COMMENTS_PER_MINUTE"] = "10000";
  o.env["STRANGEPROMPT_GALLERY__COMMENT_BURST"] = "10000";
  return o;
}

// A Kafka mock cluster of the test's own (scripts/kafka-test-cluster), so the test may freeze it.
class PrivateKafka {
 public:
  PrivateKafka() {
    const std::string command = "SP_KAFKA_MOCK_BIN='" + std::string(SP_KAFKA_MOCK_BIN) + "' '" +
                                SP_KAFKA_CLUSTER_SCRIPT + "' start '" + dir_.string() + "'";
    if (std::system(command.c_str()) != 0) return;
    brokers_ = read_first_line(dir_.string() + "/brokers");
    const std::string pid = read_first_line(dir_.string() + "/pid");
    pid_ = pid.empty() ? -1 : static_cast<pid_t>(std::stol(pid));
  }
  ~PrivateKafka() {
    if (pid_ > 0) ::kill(pid_, SIGCONT);  // a frozen cluster cannot handle the stop's SIGTERM
    const std::string command = "'" + std::string(SP_KAFKA_CLUSTER_SCRIPT) + "' stop '" +
                                dir_.string() + "' >/dev/null 2>&1";
    [[maybe_unused]] int rc = std::system(command.c_str());
  }
  PrivateKafka(const PrivateKafka&) = delete;
  PrivateKafka& operator=(const PrivateKafka&) = delete;

  const std::string& brokers() const { return brokers_; }
  pid_t pid() const { return pid_; }

 private:
  TempDir dir_{"sp-faults-kafka"};
  std::string brokers_;
  pid_t pid_ = -1;
};

constexpr const char* kCommentsLag =
    R"(sp_events_consumer_lag{group="analytics.comments.v1",topic="gallery.comments"})";

class KafkaFaults : public ::testing::Test {
 protected:
  // Starts the producer (auth + gallery) and the consumer (analytics) on `brokers`; signs a user
  // up and publishes a post analytics knows.
  void start(const std::string& brokers) {
    brokers_ = brokers;
    prefix_ = "flt-" + std::to_string(::getpid()) + "-" + unique_suffix() + ".";
    producer_ = start_producer();
    ASSERT_TRUE(producer_->started()) << producer_->log();
    consumer_ = start_consumer();
    ASSERT_TRUE(consumer_->started()) << consumer_->log();
    ann_ = sign_up(producer_->base_url(), producer_->base_url(), "ann");
    ASSERT_FALSE(ann_.token.empty()) << producer_->log();
    post_ = create_post(producer_->base_url(), ann_, "lighthouse");
    ASSERT_FALSE(post_.empty());
    // gallery.post.published reached analytics: the post has stats.
    ASSERT_TRUE(eventually([&] { return comments(*consumer_) == 0; }, 30s)) << consumer_->log();
  }

  std::unique_ptr<ServerProcess> start_producer(const std::string& data_dir = {}) {
    ServerProcessOptions o = kafka_options("auth,gallery", brokers_, prefix_);
    o.data_dir = data_dir;
    return std::make_unique<ServerProcess>(o);
  }
  std::unique_ptr<ServerProcess> start_consumer(const std::string& data_dir = {}) {
    ServerProcessOptions o = kafka_options("analytics", brokers_, prefix_);
    o.data_dir = data_dir;
    return std::make_unique<ServerProcess>(o);
  }

  // The post's comment count at analytics, -1 when it does not answer 200.
  int64_t comments(const ServerProcess& analytics) {
    auto r = call(analytics.base_url(), Method::kGet, "/v1/analytics/posts/" + post_ + "/stats");
    if (r.status != 200) {
      last_stats_ = std::to_string(r.status) + " " + r.body;
      return -1;
    }
    return json::parse(r.body).as_object()["comments"].as_int64();
  }

  // Writes `n` comments on the post at `gallery`; each must be created (201).
  void comment(const ServerProcess& gallery, int n, const std::string& tag) {
    auto client = http::HttpClient::create();
    for (int i = 0; i < n; ++i) {
      json::object body{{"body", tag + " " + std::to_string(i)}};
      auto r = call(*client, gallery.base_url(), Method::kPost,
                    "/v1/gallery/posts/" + post_ + "/comments", ann_.token, json::serialize(body));
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }

  // Waits until analytics counted exactly `expected` comments and its group's lag is 0, then
  // checks the count did not move past it (nothing counted twice).
  void expect_counted_exactly(ServerProcess& analytics, int64_t expected) {
    int64_t seen = -2;
    EXPECT_TRUE(eventually(
        [&] {
          seen = comments(analytics);
          return seen >= expected;
        },
        60s))
        << "counted " << seen << " of " << expected << " (" << last_stats_ << ")\n"
        << analytics.log();
    std::string metrics;
    EXPECT_TRUE(eventually(
        [&] {
          metrics = call(analytics.base_url(), Method::kGet, "/metrics").body;
          return metric(metrics, kCommentsLag) == 0;
        },
        30s))
        << metrics;
    EXPECT_EQ(comments(analytics), expected) << "an event was counted twice";
  }

  void TearDown() override {
    // A failed test may leave the private cluster frozen: thaw it so the processes stop quickly.
    if (private_kafka_ && private_kafka_->pid() > 0) ::kill(private_kafka_->pid(), SIGCONT);
  }

  std::unique_ptr<PrivateKafka> private_kafka_;  // destroyed after the processes below
  std::string brokers_;
  std::string prefix_;
  std::string last_stats_;  // the last answer of the stats route that was not a 200
  // Destroyed in reverse order: restarted processes stop before the first ones remove the data
  // dirs they share.
  std::unique_ptr<ServerProcess> producer_, consumer_;
  User ann_;
  std::string post_;
};

TEST_F(KafkaFaults, AStoppedConsumerCatchesUpFromItsCommittedPositionCountingEachEventOnce) {
  const std::string brokers = test_kafka_brokers();
  if (brokers.empty()) GTEST_SKIP() << "SP_TEST_KAFKA_BROKERS_FILE names no broker list";
  start(brokers);
  if (HasFatalFailure()) return;

  // 1. Frozen (SIGSTOP) while 20 comments are written; thawed, it catches up.
  ASSERT_EQ(::kill(consumer_->pid(), SIGSTOP), 0);
  ASSERT_TRUE(wait_stopped(consumer_->pid()));
  comment(*producer_, 20, "while frozen");
  ASSERT_EQ(::kill(consumer_->pid(), SIGCONT), 0);
  expect_counted_exactly(*consumer_, 20);

  // 2. Killed (SIGKILL) while 30 more are written; restarted on its data dir, it resumes from
  //    the group's committed offset in Kafka. It is killed again as soon as it has counted part
  //    of the backlog (an effect applied whose offset may not be committed yet: redelivered on
  //    the next start, and recognised by its envelope id).
  consumer_->kill_hard();
  comment(*producer_, 30, "while dead");
  auto second = start_consumer(consumer_->data_dir());
  ASSERT_TRUE(second->started()) << second->log();
  ASSERT_TRUE(eventually([&] { return comments(*second) > 20; }, 60s)) << second->log();
  second->kill_hard();
  auto third = start_consumer(consumer_->data_dir());
  ASSERT_TRUE(third->started()) << third->log();
  expect_counted_exactly(*third, 50);
}

TEST_F(KafkaFaults, TheOutboxRelayKilledMidBatchLosesNoEventAndConsumersCountEachOnce) {
  private_kafka_ = std::make_unique<PrivateKafka>();
  const PrivateKafka& kafka = *private_kafka_;
  ASSERT_FALSE(kafka.brokers().empty()) << "the private Kafka mock cluster did not start";
  ASSERT_GT(kafka.pid(), 0);
  start(kafka.brokers());
  if (HasFatalFailure()) return;
  comment(*producer_, 10, "before");
  expect_counted_exactly(*consumer_, 10);

  // Freeze the brokers: the relay's appends get no delivery report, so the relay stays inside
  // its pass with the batch read and nothing deleted; comments keep being written (the outbox
  // row is in the gallery's own transaction, Kafka is not involved).
  ASSERT_EQ(::kill(kafka.pid(), SIGSTOP), 0);
  ASSERT_TRUE(wait_stopped(kafka.pid()));
  comment(*producer_, 40, "during");
  producer_->kill_hard();

  // What the killed relay left behind: the 40 rows, still in the outbox.
  std::set<std::string> pending;
  {
    db::DatabaseOptions options;
    options.sqlite_path = producer_->data_dir() + "/gallery.db";
    auto db = db::Database::open(options);
    ASSERT_TRUE(db.ok()) << db.error().message;
    auto rows = (*db)->query(
        "SELECT payload FROM event_outbox WHERE topic = 'gallery.comments' ORDER BY id", {});
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    for (const auto& row : *rows) {
      pending.insert(std::string(json::parse(row.get_text(0)).as_object()["id"].as_string()));
    }
  }
  EXPECT_EQ(pending.size(), 40u);

  // Thaw the brokers (a produce request the dead process had already sent may still land: a
  // duplicate) and restart the producer on its data dir: its relay sends the rows again.
  ASSERT_EQ(::kill(kafka.pid(), SIGCONT), 0);
  auto restarted = start_producer(producer_->data_dir());
  ASSERT_TRUE(restarted->started()) << restarted->log();
  expect_counted_exactly(*consumer_, 50);

  // Every pending event id is in the topic (at least once); none is missing.
  auto log = events::EventLog::open(
      {.backend = "kafka", .kafka_brokers = kafka.brokers(), .kafka_topic_prefix = prefix_});
  ASSERT_TRUE(log.ok()) << log.error().message;
  std::map<std::string, int> copies;
  int64_t records = 0;
  for (int64_t from = 0;;) {
    auto batch = (*log)->read("gallery.comments", from, 500);
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    if (batch->empty()) break;
    for (const auto& r : *batch) {
      ++copies[std::string(json::parse(r.payload).as_object()["id"].as_string())];
      from = r.offset + 1;
      ++records;
    }
  }
  for (const auto& id : pending) EXPECT_EQ(copies.count(id), 1u) << "lost: " << id;
  EXPECT_EQ(copies.size(), 50u);
  EXPECT_GE(records, 50);
  std::cout << "[ faults ] gallery.comments: " << records << " records for " << copies.size()
            << " events (" << records - static_cast<int64_t>(copies.size())
            << " duplicates from the relay's restart), 50 counted\n";
}

}  // namespace
}  // namespace sp::testing
