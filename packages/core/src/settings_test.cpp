#include "strangeprompt/core/settings.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"

namespace sp {
namespace {

using namespace std::chrono_literals;

Config config_of(std::initializer_list<std::pair<const char*, const char*>> values) {
  Config config;
  for (const auto& [k, v] : values) config.set(k, v);
  return config;
}

TEST(SettingsReader, AbsentKeysTakeTheirDefaultsWithoutProblems) {
  Config config;
  SettingsReader r(config);
  EXPECT_EQ(r.text("a", "x"), "x");
  EXPECT_EQ(r.integer("b", 5, 0, 10), 5);
  EXPECT_EQ(r.size("c", 7), 7u);
  EXPECT_TRUE(r.boolean("d", true));
  EXPECT_EQ(r.millis("e_ms", 250ms), 250ms);
  EXPECT_EQ(r.seconds("f_seconds", 3s), 3s);
  EXPECT_EQ(r.one_of("g", "info", {"info", "warn"}), "info");
  EXPECT_EQ(r.list("h", {"p", "q"}), (std::vector<std::string>{"p", "q"}));
  EXPECT_EQ(r.secret("i"), std::nullopt);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.status().ok());
}

TEST(SettingsReader, PresentValuesAreParsed) {
  Config config = config_of({{"n", "-3"},
                             {"bytes", "2048"},
                             {"on", "yes"},
                             {"t_ms", "1500"},
                             {"t_seconds", "30"},
                             {"level", "warn"},
                             {"peers", "10.0.0.1, 10.0.0.0/8"},
                             {"token", "s3cr3t"}});
  SettingsReader r(config);
  EXPECT_EQ(r.integer("n", 0, -10, 10), -3);
  EXPECT_EQ(r.size("bytes", 1), 2048u);
  EXPECT_TRUE(r.boolean("on", false));
  EXPECT_EQ(r.millis("t_ms", 1ms), 1500ms);
  EXPECT_EQ(r.seconds("t_seconds", 1s), 30s);
  EXPECT_EQ(r.one_of("level", "info", {"debug", "info", "warn", "error"}), "warn");
  EXPECT_EQ(r.list("peers", {}), (std::vector<std::string>{"10.0.0.1", "10.0.0.0/8"}));
  EXPECT_EQ(r.secret("token"), "s3cr3t");
  EXPECT_TRUE(r.ok()) << r.status().error().message;
}

// Each row: a key, a bad value, how it is read, the problem expected.
TEST(SettingsReader, EachKindOfBadValueIsAProblemNamingTheKey) {
  struct Row {
    const char* key;
    const char* value;
    void (*read)(SettingsReader&, const char*);
    const char* problem;
  };
  const Row rows[] = {
      {"http.max_body_bytes", "2MB", [](SettingsReader& r, const char* k) { r.size(k, 1); },
       R"(http.max_body_bytes: "2MB" is not an integer)"},
      {"http.io_threads", "-1", [](SettingsReader& r, const char* k) { r.size(k, 0); },
       "http.io_threads: -1 is out of range [0, 9223372036854775807]"},
      {"auth.argon2_ops", "99", [](SettingsReader& r, const char* k) { r.integer(k, 2, 1, 10); },
       "auth.argon2_ops: 99 is out of range [1, 10]"},
      {"http.access_log", "sometimes", [](SettingsReader& r, const char* k) { r.boolean(k, true); },
       R"(http.access_log: "sometimes" is not a boolean (true or false))"},
      {"http.read_timeout_ms", "15s",
       [](SettingsReader& r, const char* k) { r.millis(k, 15000ms); },
       R"(http.read_timeout_ms: "15s" is not an integer)"},
      {"log.level", "loud",
       [](SettingsReader& r, const char* k) {
         r.one_of(k, "info", {"info", "warn"});
       },
       R"(log.level: "loud" is not one of info, warn)"},
      {"auth.issuer", "", [](SettingsReader& r, const char* k) { r.required_text(k, "x"); },
       "auth.issuer: must not be empty"},
  };
  for (const Row& row : rows) {
    Config config = config_of({{row.key, row.value}});
    SettingsReader r(config);
    row.read(r, row.key);
    ASSERT_EQ(r.problems().size(), 1u) << row.key;
    EXPECT_EQ(r.problems()[0], row.problem);
  }
}

TEST(SettingsReader, CollectsEveryBadKeyAndFailsOnceListingThemAll) {
  Config config = config_of({{"http.max_body_bytes", "2MB"},
                             {"http.worker_threads", "many"},
                             {"http.access_log", "true"},
                             {"log.level", "loud"}});
  SettingsReader r(config);
  EXPECT_EQ(r.size("http.max_body_bytes", 1024), 1024u);  // the default, so reading goes on
  r.size("http.worker_threads", 0);
  r.boolean("http.access_log", false);
  r.one_of("log.level", "info", {"info"});
  r.reject("http.listen", "bad port '99999'");
  EXPECT_EQ(r.problems().size(), 4u);
  Status s = r.status();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  for (const char* key :
       {"http.max_body_bytes", "http.worker_threads", "log.level", "http.listen"}) {
    EXPECT_NE(s.error().message.find(key), std::string::npos) << key << ": " << s.error().message;
  }
  EXPECT_EQ(s.error().message.find("http.access_log"), std::string::npos);
}

TEST(SettingsReader, SecretFromAFile) {
  testing::TempDir dir;
  std::ofstream(dir.file("kek")) << "  from-file\n";
  Config config = config_of({{"auth.signing_key_kek_file", ""}});
  config.set("auth.signing_key_kek_file", dir.file("kek"));
  SettingsReader r(config);
  EXPECT_EQ(r.secret("auth.signing_key_kek"), "from-file");
  EXPECT_TRUE(r.ok());
}

// Defect: a named secret file that could not be read was dropped silently, and the signing keys
// were then stored unsealed.
TEST(SettingsReader, AnUnreadableSecretFileIsAProblem) {
  Config config = config_of({{"auth.signing_key_kek_file", "/nonexistent/kek"}});
  SettingsReader r(config);
  EXPECT_EQ(r.secret("auth.signing_key_kek"), std::nullopt);
  ASSERT_EQ(r.problems().size(), 1u);
  EXPECT_NE(r.problems()[0].find("auth.signing_key_kek_file"), std::string::npos);
  EXPECT_FALSE(r.status().ok());
}

}  // namespace
}  // namespace sp
