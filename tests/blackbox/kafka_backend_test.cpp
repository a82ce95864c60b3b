// `events.backend = "kafka"` on the real binary, against the `kafka` ctest fixture's mock cluster
// (librdkafka's, 3 brokers on loopback):
//  - two processes (auth, profile), each with its own database, share only Kafka: a sign-up on
//    auth reaches the profile service, and its consumer lag in /metrics comes back to 0;
//  - an outside client (kafkajs, tests/outside/kafka) in its own consumer group reads the
//    user.signup event the platform published, envelope and key intact.
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "server_process.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

namespace json = boost::json;

class KafkaBackend : public ::testing::Test {
 protected:
  void SetUp() override {
    brokers_ = test_kafka_brokers();
    if (brokers_.empty()) GTEST_SKIP() << "SP_TEST_KAFKA_BROKERS_FILE names no broker list";
    static std::atomic<int> counter{0};
    prefix_ = "bb-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".";
  }
  http::ClientResponse call(const ServerProcess& server, http::Method method,
                            const std::string& path, std::string body = {}) {
    http::Headers headers;
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    auto r = client_->send({method, server.base_url() + path, std::move(headers), std::move(body)});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : http::ClientResponse{};
  }
  // Signs `handle` up on `auth`; returns the new user's id.
  std::string signup(const ServerProcess& auth, const std::string& handle) {
    auto r = call(auth, http::Method::kPost, "/v1/auth/signup",
                  R"({"email":")" + handle + R"(@example.com","handle":")" + handle +
                      R"(","password":"violet-harbor-lantern-42"})");
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return std::string(json::parse(r.body).at("user").at("id").as_string());
  }

  std::string brokers_;
  std::string prefix_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};

TEST_F(KafkaBackend, ReadyzChecksKafka) {
  ServerProcess auth(kafka_process("auth", brokers_, prefix_));
  ASSERT_TRUE(auth.started()) << auth.log();
  auto r = call(auth, http::Method::kGet, "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("events":"ok")"), std::string::npos) << r.body;
}

TEST_F(KafkaBackend, WithoutBrokersTheProcessRefusesToStart) {
  ServerProcessOptions o = kafka_process("auth", brokers_, prefix_);
  o.env.erase("STRANGEPROMPT_EVENTS__KAFKA__BROKERS");
  ServerProcess server(o);
  EXPECT_FALSE(server.started());
  EXPECT_NE(server.log().find("events.kafka.brokers"), std::string::npos) << server.log();
}

TEST_F(KafkaBackend, WithNoBrokerAnsweringTheProcessRefusesToStart) {
  // A closed loopback port (the discard port): no Kafka there.
  ServerProcess server(kafka_process("auth", "127.0.0.1:9", prefix_));
  EXPECT_FALSE(server.started());
  EXPECT_NE(server.log().find("no kafka broker answers"), std::string::npos) << server.log();
}

TEST_F(KafkaBackend, ASignUpReachesTheProfileServiceInAnotherProcessThroughKafka) {
  ServerProcess auth(kafka_process("auth", brokers_, prefix_));
  ServerProcess profile(kafka_process("profile", brokers_, prefix_));
  ASSERT_TRUE(auth.started()) << auth.log();
  ASSERT_TRUE(profile.started()) << profile.log();
  EXPECT_EQ(call(profile, http::Method::kGet, "/v1/profiles/kafka_ann").status, 404);

  ASSERT_FALSE(signup(auth, "kafka_ann").empty());
  // The outbox relay publishes to Kafka; profile.users.v1 consumes it in the other process.
  http::ClientResponse found;
  EXPECT_TRUE(eventually(
      [&] {
        found = call(profile, http::Method::kGet, "/v1/profiles/kafka_ann");
        return found.status == 200;
      },
      std::chrono::seconds(30)))
      << found.status << " " << found.body << "\n"
      << profile.log();
  EXPECT_EQ(json::parse(found.body).at("handle").as_string(), "kafka_ann");

  // The group's committed offset caught up with the topic's end: lag 0 from Kafka's numbers.
  const std::string lag_line =
      R"(sp_events_consumer_lag{group="profile.users.v1",topic="user.signup"} 0)";
  std::string metrics;
  EXPECT_TRUE(eventually(
      [&] {
        metrics = call(profile, http::Method::kGet, "/metrics").body;
        return metrics.find(lag_line) != std::string::npos;
      },
      std::chrono::seconds(30)))
      << metrics;
}

// Runs `command`, returning its exit status and stdout.
std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, out};
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST_F(KafkaBackend, AKafkajsConsumerGroupReadsTheSignupEventThePlatformPublished) {
  ServerProcess auth(kafka_process("auth", brokers_, prefix_));
  ASSERT_TRUE(auth.started()) << auth.log();
  const std::string user_id = signup(auth, "kafka_bea");
  ASSERT_FALSE(user_id.empty());

  const std::string topic = prefix_ + "user.signup";
  auto [status, out] =
      run(std::string(SP_NODE) + " " + SP_OUTSIDE_KAFKA_DIR + "/consume.mjs --brokers " + brokers_ +
          " --topic " + topic + " --group outside.kafkajs.v1 --count 1 --timeout-ms 60000");
  ASSERT_EQ(status, 0) << out;
  std::istringstream lines(out);
  std::string line;
  ASSERT_TRUE(std::getline(lines, line)) << out;
  json::object message = json::parse(line).as_object();
  EXPECT_EQ(message.at("topic").as_string(), topic);
  EXPECT_EQ(message.at("partition").as_int64(), 0);
  EXPECT_EQ(message.at("offset").as_string(), "0");
  EXPECT_EQ(message.at("key").as_string(), user_id);
  const json::object& envelope = message.at("value").as_object();
  EXPECT_EQ(envelope.at("type").as_string(), "user.signup");
  EXPECT_EQ(envelope.at("version").as_int64(), 1);
  EXPECT_EQ(envelope.at("key").as_string(), user_id);
  EXPECT_FALSE(envelope.at("id").as_string().empty());
  EXPECT_EQ(envelope.at("data").at("handle").as_string(), "kafka_bea");
}

}  // namespace
}  // namespace sp::testing
