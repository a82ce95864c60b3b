#include "strangeprompt/core/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace sp {
namespace {

TEST(Config, NoFileNoEnvironmentIsValidAndGettersFallBack) {
  auto config = Config::load(std::nullopt, {});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->get("http.listen", "0.0.0.0:8080"), "0.0.0.0:8080");
  EXPECT_EQ(config->get_int("http.max_body_bytes", 42).value(), 42);
  EXPECT_TRUE(config->get_bool("x", true).value());
}

TEST(Config, TomlTablesFlattenToDottedKeys) {
  auto config = Config::from_toml_text(
      "data_dir = \"/var/sp\"\n[http]\nmax_body_bytes = 2048\naccess_log = false\n"
      "[auth]\naudiences = [\"a\", \"b\"]\nratio = 0.5\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->get("data_dir"), "/var/sp");
  EXPECT_EQ(config->get_int("http.max_body_bytes", 0).value(), 2048);
  EXPECT_FALSE(config->get_bool("http.access_log", true).value());
  EXPECT_EQ(config->get_list("auth.audiences"), (std::vector<std::string>{"a", "b"}));
  EXPECT_DOUBLE_EQ(config->get_double("auth.ratio", 0).value(), 0.5);
}

TEST(Config, EnvironmentOverridesFileWithDoubleUnderscoreSections) {
  auto config = Config::load(std::nullopt, {{"STRANGEPROMPT_HTTP__MAX_BODY_BYTES", "99"},
                                            {"STRANGEPROMPT_DATA_DIR", "/tmp/x"},
                                            {"HOME", "/root"}});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->get_int("http.max_body_bytes", 0).value(), 99);
  EXPECT_EQ(config->get("data_dir"), "/tmp/x");
  EXPECT_FALSE(config->has("home"));
}

TEST(Config, MalformedTomlIsAnInvalidArgumentWithALine) {
  auto config = Config::from_toml_text("[http\nx = 1\n");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(config.error().message.find("line"), std::string::npos);
}

TEST(Config, MissingGivenFileIsAnError) {
  auto config = Config::load(std::string("/nonexistent/sp.toml"), {});
  EXPECT_FALSE(config.ok());
}

TEST(Config, SecretComesFromValueOrFileAndIsRedacted) {
  std::string path = ::testing::TempDir() + "/sp_secret.txt";
  std::ofstream(path) << "  s3cr3t\n";
  Config config;
  config.set("blob.signing_secret_file", path);
  EXPECT_EQ(config.secret("blob.signing_secret").value(), "s3cr3t");
  config.set("blob.signing_secret", "direct");
  EXPECT_EQ(config.secret("blob.signing_secret").value(), "direct");
  for (const auto& [k, v] : config.redacted()) EXPECT_EQ(v, "***") << k;
  std::remove(path.c_str());
}

// A present value that does not parse is an error naming the key and the value, never the
// fallback (it used to run silently with the default).
TEST(Config, NonNumericIntIsAnErrorNamingTheKey) {
  Config config;
  config.set("http.max_body_bytes", "2MB");
  auto value = config.get_int("http.max_body_bytes", 7);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(value.error().message, R"(http.max_body_bytes: "2MB" is not an integer)");
}

TEST(Config, JunkBooleansAndNumbersAreErrors) {
  Config config;
  config.set("flag", "maybe");
  config.set("ratio", "0.5x");
  config.set("n", "12abc");
  EXPECT_FALSE(config.get_bool("flag", true).ok());
  EXPECT_FALSE(config.get_double("ratio", 1).ok());
  EXPECT_FALSE(config.get_int("n", 7).ok());
  EXPECT_EQ(config.get_int("absent", 7).value(), 7);
}

TEST(Config, AnUnreadableSecretFileIsAnErrorNotAMissingSecret) {
  Config config;
  config.set("auth.signing_key_kek_file", "/nonexistent/kek");
  auto secret = config.secret("auth.signing_key_kek");
  ASSERT_FALSE(secret.ok());
  EXPECT_NE(secret.error().message.find("auth.signing_key_kek_file"), std::string::npos)
      << secret.error().message;
  EXPECT_NE(secret.error().message.find("/nonexistent/kek"), std::string::npos);
}

TEST(Config, NoSecretConfiguredIsNullopt) {
  Config config;
  auto secret = config.secret("auth.signing_key_kek");
  ASSERT_TRUE(secret.ok());
  EXPECT_FALSE(secret->has_value());
}

}  // namespace
}  // namespace sp
