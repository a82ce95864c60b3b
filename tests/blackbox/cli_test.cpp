// The binary's command line: version, unknown targets, migrate, graceful stop, where settings
// come from (file < environment < flags), bad settings, and `keys rotate`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_process.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/http/client.hpp"

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

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.file(name)) << text;
  return dir.file(name);
}

ServerProcessOptions serve(std::vector<std::string> args,
                           std::map<std::string, std::string> env = {}) {
  ServerProcessOptions o;
  o.args = std::move(args);
  o.env = std::move(env);
  return o;
}

bool has(const std::string& log, const std::string& text) {
  return log.find(text) != std::string::npos;
}

// Defect: `target` from the file or the environment was ignored (the flag's default won).
TEST(CliSettings, TargetFromTheConfigFileIsUsed) {
  TempDir dir("sp-cli");
  const std::string toml = write_file(dir, "sp.toml", "target = \"nosuch\"\n");
  ServerProcess server(serve({"serve", "--config", toml}));
  EXPECT_FALSE(server.started());
  EXPECT_TRUE(has(server.log(), "unknown target 'nosuch'")) << server.log();
}

TEST(CliSettings, TargetFromTheEnvironmentIsUsed) {
  ServerProcess server(serve({"serve"}, {{"STRANGEPROMPT_TARGET", "nosuch"}}));
  EXPECT_FALSE(server.started());
  EXPECT_TRUE(has(server.log(), "unknown target 'nosuch'")) << server.log();
}

TEST(CliSettings, EnvironmentBeatsTheFileAndAFlagBeatsBoth) {
  TempDir dir("sp-cli");
  const std::string toml = write_file(dir, "sp.toml", "target = \"nosuch\"\n");
  ServerProcess env_wins(serve({"serve", "--config", toml}, {{"STRANGEPROMPT_TARGET", "auth"}}));
  EXPECT_TRUE(env_wins.started()) << env_wins.log();
  ServerProcess flag_wins(serve({"serve", "--target=auth"}, {{"STRANGEPROMPT_TARGET", "nosuch"}}));
  EXPECT_TRUE(flag_wins.started()) << flag_wins.log();
}

// Defect: a bad number ran silently with the default. Now start-up fails once, naming every bad
// key, whichever source it came from.
TEST(CliSettings, BadValuesFailStartUpNamingEveryKey) {
  TempDir dir("sp-cli");
  const std::string toml =
      write_file(dir, "sp.toml", "[http]\nhandler_timeout_ms = \"soon\"\nmax_connections = -5\n");
  const std::map<std::string, std::string> env{{"STRANGEPROMPT_HTTP__MAX_BODY_BYTES", "2MB"}};
  // First as a server that would keep running if the values were ignored...
  ServerProcess server(serve({"serve", "--config", toml}, env));
  ASSERT_FALSE(server.started()) << server.log();
  // ...then for the exit status, now that it is known to exit.
  auto [status, out] = run_binary(
      {"serve", "--config", toml, "--listen=127.0.0.1:0", "--data-dir=" + dir.file("data")}, env);
  EXPECT_EQ(status, 2) << out;
  EXPECT_TRUE(has(out, R"(http.max_body_bytes: \"2MB\" is not an integer)")) << out;
  EXPECT_TRUE(has(out, "http.handler_timeout_ms")) << out;
  EXPECT_TRUE(has(out, "http.max_connections: -5 is out of range")) << out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("data"))) << "nothing is created on bad settings";
}

// Defect: an unreadable KEK file was ignored and the signing keys were written unsealed.
TEST(CliKeys, RotateWithAnUnreadableKekFileFailsAndWritesNothing) {
  TempDir dir("sp-cli");
  auto [status, out] =
      run_binary({"keys", "rotate", "--data-dir", dir.file("data")},
                 {{"STRANGEPROMPT_AUTH__SIGNING_KEY_KEK_FILE", "/nonexistent/kek"}});
  EXPECT_EQ(status, 2) << out;
  EXPECT_TRUE(has(out, "auth.signing_key_kek_file")) << out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("data/auth.db"))) << out;
}

// Defect: `keys rotate` started the whole service (event log, relay, rotation schedule) and
// could rotate twice. It opens only the auth database: a fresh one gets its first key and one
// rotation, so two keys are published (the new current one and the retired one in its grace).
TEST(CliKeys, RotateOnlyRotatesOnce) {
  TempDir dir("sp-cli");
  auto [status, out] = run_binary({"keys", "rotate", "--data-dir", dir.file("data")});
  ASSERT_EQ(status, 0) << out;
  EXPECT_TRUE(std::filesystem::exists(dir.file("data/auth.db")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("data/events.db")))
      << "keys rotate must not open the event log (nor start the relay that appends to it)";

  ServerProcess server(
      serve({"serve"}, {{"STRANGEPROMPT_AUTH__DB__SQLITE_PATH", dir.file("data/auth.db")}}));
  ASSERT_TRUE(server.started()) << server.log();
  auto client = http::HttpClient::create();
  auto jwks = client->send(
      {http::Method::kGet, server.base_url() + "/v1/auth/.well-known/jwks.json", {}, {}});
  ASSERT_TRUE(jwks.ok());
  ASSERT_EQ(jwks->status, 200);
  std::size_t keys = 0;
  for (auto at = jwks->body.find("\"kid\""); at != std::string::npos;
       at = jwks->body.find("\"kid\"", at + 1)) {
    ++keys;
  }
  EXPECT_EQ(keys, 2u) << jwks->body;
}

}  // namespace
}  // namespace sp::testing
