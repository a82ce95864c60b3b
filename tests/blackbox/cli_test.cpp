// The binary's command line: version, unknown targets, migrate, graceful stop.
#include <gtest/gtest.h>

#include "server_process.hpp"

namespace sp::testing {
namespace {

TEST(Cli, VersionPrintsTheProjectVersion) {
  auto [status, out] = run_binary({"version"});
  EXPECT_EQ(status, 0);
  EXPECT_EQ(out.rfind("strangeprompt ", 0), 0u) << out;
}

TEST(Cli, NoSubcommandIsAUsageError) {
  auto [status, out] = run_binary({});
  EXPECT_NE(status, 0);
  EXPECT_NE(out.find("subcommand"), std::string::npos) << out;
}

TEST(Cli, UnknownTargetFailsNamingIt) {
  auto [status, out] = run_binary({"serve", "--target=nosuch", "--listen=127.0.0.1:0"});
  EXPECT_EQ(status, 2);
  EXPECT_NE(out.find("unknown target 'nosuch'"), std::string::npos) << out;
}

TEST(Cli, BadListenAddressFails) {
  auto [status, out] = run_binary({"serve", "--listen=127.0.0.1:99999"});
  EXPECT_EQ(status, 2);
  EXPECT_NE(out.find("bad port"), std::string::npos) << out;
}

TEST(Cli, MalformedConfigFileFailsWithItsLine) {
  std::string path = ::testing::TempDir() + "/sp-bad.toml";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("[http\n", f);
  std::fclose(f);
  auto [status, out] = run_binary({"serve", "--config", path});
  EXPECT_EQ(status, 2);
  EXPECT_NE(out.find("line 1"), std::string::npos) << out;
}

TEST(Cli, SigtermStopsTheServerCleanly) {
  ServerProcess server;
  ASSERT_TRUE(server.started()) << server.log();
  EXPECT_EQ(server.stop(), 0) << server.log();
  EXPECT_NE(server.log().find("\"msg\":\"stopped\""), std::string::npos);
}

}  // namespace
}  // namespace sp::testing
