// sp-kafka-mock: librdkafka's mock cluster (an in-process Kafka protocol implementation, not a real
// broker) with N brokers on real TCP ports of 127.0.0.1, for development and tests. Prints the
// bootstrap list ("127.0.0.1:P1,127.0.0.1:P2,...") as one line, writes it to --brokers-file when
// given, and serves until SIGTERM or SIGINT.
//
//   sp-kafka-mock [--brokers N] [--brokers-file PATH]
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

namespace {

int usage() {
  std::cerr << "usage: sp-kafka-mock [--brokers N] [--brokers-file PATH]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int broker_count = 3;
  std::string brokers_file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--brokers" && i + 1 < argc) {
      broker_count = std::atoi(argv[++i]);
    } else if (arg == "--brokers-file" && i + 1 < argc) {
      brokers_file = argv[++i];
    } else {
      return usage();
    }
  }
  if (broker_count < 1 || broker_count > 16) return usage();

  // Block the stop signals before librdkafka starts its threads, so only sigwait() sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // The handle only owns the cluster's threads; it never connects anywhere.
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    std::cerr << "sp-kafka-mock: " << errstr << "\n";
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(rk, broker_count);
  if (cluster == nullptr) {
    std::cerr << "sp-kafka-mock: cannot create the mock cluster\n";
    rd_kafka_destroy(rk);
    return 1;
  }
  const std::string bootstrap = rd_kafka_mock_cluster_bootstraps(cluster);
  if (!brokers_file.empty()) {
    const std::string tmp = brokers_file + ".tmp";
    std::ofstream(tmp) << bootstrap << "\n";
    std::rename(tmp.c_str(), brokers_file.c_str());
  }
  std::cout << bootstrap << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
