// PostgreSQL per service: `strangeprompt pg-roles` gives every service a login role owning its
// schema; each service migrates and serves in its own, and a service's connection cannot read
// another service's schema (permission denied). Against the PostgreSQL of the ctest fixture, in a
// database of its own.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>

#include "server_process.hpp"
#include "strangeprompt/db/database.hpp"
#include "strangeprompt/db/testing/postgres.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

std::string psql(const std::string& dsn, const std::string& sql) {
  return "psql '" + dsn + "' -XqAt -v ON_ERROR_STOP=1 -c \"" + sql + "\" >/dev/null";
}

class PgRoles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = db::testing::backend_unavailable_reason("postgres")) GTEST_SKIP() << *why;
    admin_ = *db::testing::postgres_dsn_for_tests();
    name_ = db::testing::unique_schema_name("sp_roles");
    // Roles are cluster-wide, and ctest runs these tests in parallel with each other: each test
    // gets roles of its own (CREATE ROLE / ALTER ROLE on one name from two sessions races).
    prefix_ = name_ + "_";
    ASSERT_EQ(std::system(psql(admin_, "CREATE DATABASE " + name_).c_str()), 0);
    created_ = true;
  }
  void TearDown() override {
    if (created_) {
      [[maybe_unused]] int rc =
          std::system(psql(admin_, "DROP DATABASE " + name_ + " WITH (FORCE)").c_str());
      for (const char* schema : {"profile", "gallery", "events"}) {
        rc = std::system(psql(admin_, "DROP ROLE IF EXISTS " + role(schema)).c_str());
      }
    }
  }

  // The fresh database as `role` (the test server trusts loopback; a deployment sets passwords
  // with --password-dir).
  std::string dsn(const std::string& role = {}) const {
    return admin_ + " dbname=" + name_ + (role.empty() ? "" : " user=" + role);
  }
  std::unique_ptr<db::Database> open_as(const std::string& role, const std::string& schema) {
    db::DatabaseOptions o;
    o.backend = "postgres";
    o.postgres_dsn = dsn(role);
    o.postgres_schema = schema;
    o.pool_size = 1;
    auto database = db::Database::open(o);
    EXPECT_TRUE(database.ok()) << database.error().message << " " << database.error().internal;
    return database.ok() ? std::move(*database) : nullptr;
  }
  std::string role(const std::string& schema) const { return prefix_ + schema; }
  std::pair<int, std::string> pg_roles(const std::string& targets) const {
    return run_binary(
        {"pg-roles", "--dsn", dsn(), "--role-prefix", prefix_, "--target=" + targets});
  }
  std::map<std::string, std::string> service_env() const {
    return {{"STRANGEPROMPT_DB__BACKEND", "postgres"},
            {"STRANGEPROMPT_PROFILE__DB__POSTGRES_DSN", dsn(role("profile"))},
            {"STRANGEPROMPT_GALLERY__DB__POSTGRES_DSN", dsn(role("gallery"))},
            {"STRANGEPROMPT_EVENTS__BACKEND", "postgres"},
            {"STRANGEPROMPT_EVENTS__POSTGRES_DSN", dsn(role("events"))}};
  }

  std::string admin_;
  std::string name_;
  std::string prefix_;
  bool created_ = false;
};

void expect_permission_denied(db::Database& database, const std::string& sql) {
  auto r = database.query(sql);
  ASSERT_FALSE(r.ok()) << sql << " was allowed";
  EXPECT_NE(r.error().internal.find("permission denied"), std::string::npos)
      << sql << ": " << r.error().internal;
}

TEST_F(PgRoles, EachServiceOwnsItsSchemaAndCannotReadAnothers) {
  auto [rc, out] = pg_roles("profile,gallery,gateway");
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("profile " + role("profile")), std::string::npos) << out;
  EXPECT_NE(out.find("gallery " + role("gallery")), std::string::npos) << out;
  EXPECT_NE(out.find("events " + role("events")), std::string::npos) << out;
  EXPECT_EQ(out.find("gateway"), std::string::npos) << "the gateway has no database: " << out;
  auto again = pg_roles("profile,gallery");
  ASSERT_EQ(again.first, 0) << "pg-roles must be idempotent: " << again.second;

  // Each service migrates in its own schema, as its own role.
  auto migrated = run_binary({"migrate", "--target=profile,gallery"}, service_env());
  ASSERT_EQ(migrated.first, 0) << migrated.second;

  auto gallery = open_as(role("gallery"), "gallery");
  auto profile = open_as(role("profile"), "profile");
  ASSERT_TRUE(gallery && profile);
  EXPECT_TRUE(gallery->query("SELECT count(*) FROM posts").ok());
  EXPECT_TRUE(profile->query("SELECT count(*) FROM profiles").ok());
  expect_permission_denied(*gallery, "SELECT count(*) FROM profile.profiles");
  expect_permission_denied(*profile, "SELECT count(*) FROM gallery.posts");
  expect_permission_denied(*gallery, "SELECT count(*) FROM events.schema_migrations");
  // Pointing gallery's role at profile's schema does not help either.
  auto trespass = open_as(role("gallery"), "profile");
  ASSERT_TRUE(trespass);
  // (without USAGE on the schema, its tables are invisible through search_path)
  auto unseen = trespass->query("SELECT count(*) FROM profiles");
  ASSERT_FALSE(unseen.ok()) << "gallery's role read profile's table through search_path";
  EXPECT_NE(unseen.error().internal.find("does not exist"), std::string::npos)
      << unseen.error().internal;
  expect_permission_denied(*trespass, "SELECT count(*) FROM profile.profiles");
  // Nor can a service role create tables outside its schema.
  auto created = gallery->execute("CREATE TABLE public.sneaky (a integer)");
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.error().internal.find("permission denied"), std::string::npos)
      << created.error().internal;
}

TEST_F(PgRoles, AServiceServesOnItsOwnRoleAndTheEventLogsRole) {
  ASSERT_EQ(pg_roles("profile").first, 0);
  ServerProcessOptions o;
  o.args = {"serve", "--target=profile"};
  o.env = service_env();
  ServerProcess server(o);
  ASSERT_TRUE(server.started()) << server.log();
  auto client = http::HttpClient::create();
  auto ready = client->send({http::Method::kGet, server.base_url() + "/readyz", {}, {}});
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->status, 200) << ready->body;
  auto missing =
      client->send({http::Method::kGet, server.base_url() + "/v1/profiles/nobody", {}, {}});
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404) << missing->body;
}

TEST_F(PgRoles, BadOptionsAreRefused) {
  EXPECT_EQ(run_binary({"pg-roles", "--dsn", dsn(), "--role-prefix", "Robert'); --"}).first, 2);
  EXPECT_EQ(run_binary({"pg-roles", "--dsn", dsn(), "--target=nosuch"}).first, 2);
  EXPECT_EQ(run_binary({"pg-roles", "--dsn", dsn(), "--password-dir", "/nonexistent"}).first, 2);
}

}  // namespace
}  // namespace sp::testing
