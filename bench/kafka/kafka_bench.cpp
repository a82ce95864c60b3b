// Events per second through the EventLog's Kafka adapter against librdkafka's mock cluster (3
// brokers on loopback, started privately with scripts/kafka-test-cluster). The mock is an
// in-memory protocol implementation, not a real broker (no disk, no replication between
// brokers): the figures measure the adapter and librdkafka, not Kafka.
//
//   sp_kafka_bench [events=20000] [producers=16] [payload_bytes=300]
//
// Produce: `producers` threads each appending synchronously (append() returns the offset once
// the idempotent producer's acks=all delivery report came back), so throughput comes from
// concurrency (librdkafka batches the concurrent appends). Consume: read() in batches of 500
// (replay), then a consumer group's poll + commit per batch of 500 (what ConsumerRunner does,
// except that it commits per record), then commit per record.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "strangeprompt/events/event_log.hpp"

namespace {

std::string run(const std::string& cmd) {
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  std::array<char, 512> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  if (pclose(pipe) != 0) throw std::runtime_error(cmd + " failed:\n" + out);
  return out;
}

std::string last_line(const std::string& out) {
  std::string s = out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename T>
T value_or_die(sp::Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s %s\n", what, r.error().message.c_str(),
                 r.error().internal.c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

void ok_or_die(const sp::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s %s\n", what, s.error().message.c_str(),
                 s.error().internal.c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int events = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int producers = argc > 2 ? std::atoi(argv[2]) : 16;
  const int payload_bytes = argc > 3 ? std::atoi(argv[3]) : 300;
  const std::string dir = "/tmp/sp-kafka-bench-" + std::to_string(::getpid());
  const std::string script =
      std::string("SP_KAFKA_MOCK_BIN=") + SP_KAFKA_MOCK_BIN + " " + SP_KAFKA_TEST_CLUSTER;
  const std::string brokers = last_line(run(script + " start " + dir));

  sp::events::EventLogOptions options;
  options.backend = "kafka";
  options.kafka_brokers = brokers;
  options.kafka_topic_prefix = "bench-" + std::to_string(::getpid()) + ".";
  auto log = value_or_die(sp::events::EventLog::open(options), "open");
  const std::string payload(static_cast<std::size_t>(payload_bytes), 'x');
  value_or_die(log->append("bench.events", "warm", payload), "append");  // creates the topic

  // Produce.
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int p = 0; p < producers; ++p) {
    threads.emplace_back([&] {
      for (int i = next++; i < events; i = next++) {
        value_or_die(log->append("bench.events", "key-" + std::to_string(i % 64), payload),
                     "append");
      }
    });
  }
  for (auto& t : threads) t.join();
  const double produce_s = seconds_since(start);
  const int64_t end = value_or_die(log->end_offset("bench.events"), "end_offset");

  // Replay with read().
  start = std::chrono::steady_clock::now();
  int64_t offset = 0, replayed = 0;
  while (offset < end) {
    auto batch = value_or_die(log->read("bench.events", offset, 500), "read");
    replayed += static_cast<int64_t>(batch.size());
    offset = batch.back().offset + 1;
  }
  const double read_s = seconds_since(start);

  // A consumer group: poll + commit per batch.
  start = std::chrono::steady_clock::now();
  int64_t consumed = 0;
  for (;;) {
    auto batch = value_or_die(
        log->poll("bench.batch.v1", "bench.events", 500, std::chrono::milliseconds(0)), "poll");
    if (batch.empty()) break;
    consumed += static_cast<int64_t>(batch.size());
    ok_or_die(log->commit("bench.batch.v1", "bench.events", batch.back().offset + 1), "commit");
  }
  const double group_s = seconds_since(start);

  // Commit per record, as ConsumerRunner does (on the first 2000 records).
  const int64_t per_record = std::min<int64_t>(end, 2000);
  start = std::chrono::steady_clock::now();
  int64_t committed = 0;
  while (committed < per_record) {
    auto batch = value_or_die(
        log->poll("bench.each.v1", "bench.events", 500, std::chrono::milliseconds(0)), "poll");
    for (const auto& record : batch) {
      if (committed >= per_record) break;
      ok_or_die(log->commit("bench.each.v1", "bench.events", record.offset + 1), "commit");
      ++committed;
    }
  }
  const double each_s = seconds_since(start);
  log.reset();
  run(script + " stop " + dir);

  std::printf(
      "Kafka adapter on librdkafka's mock cluster (3 brokers, loopback; not a real broker)\n");
  std::printf("%d events of %d bytes, %d producer threads, acks=all, idempotent\n", events,
              payload_bytes, producers);
  std::printf("%-40s %12s\n", "operation", "events/s");
  std::printf("%-40s %12.0f\n", "produce (append, synchronous each)", events / produce_s);
  std::printf("%-40s %12.0f\n", "replay (read, batches of 500)", replayed / read_s);
  std::printf("%-40s %12.0f\n", "group poll + commit per 500", consumed / group_s);
  std::printf("%-40s %12.0f\n", "group poll + commit per record", committed / each_s);
  return 0;
}
