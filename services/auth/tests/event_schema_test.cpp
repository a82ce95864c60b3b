// Every event the auth service publishes conforms to its JSON Schema in schemas/events/.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "logic/account_deletion.hpp"
#include "strangeprompt/events/json_schema.hpp"
#include "support/auth_harness.hpp"

namespace sp::auth {
namespace {

std::string read_schema(std::string_view type, int version) {
  std::ifstream in(std::string(SP_EVENT_SCHEMAS_DIR) + "/" + std::string(type) + ".v" +
                   std::to_string(version) + ".json");
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void expect_conforms(testing::AuthHarness& auth, std::string_view topic) {
  auto published = auth.events(topic);
  ASSERT_FALSE(published.empty()) << "no " << topic << " event";
  for (const auto& envelope : published) {
    std::string schema = read_schema(envelope.type, envelope.version);
    ASSERT_FALSE(schema.empty()) << "no schema for " << envelope.type;
    auto text = envelope.to_json();
    ASSERT_TRUE(text.ok());
    auto violations = events::schema_violations(schema, *text);
    ASSERT_TRUE(violations.ok()) << violations.error().message;
    EXPECT_TRUE(violations->empty()) << topic << ": " << (*violations)[0];
  }
}

TEST(AuthEvents, UserSignupConformsToItsSchema) {
  testing::AuthHarness auth;
  auth.sign_up("ada");
  expect_conforms(auth, "user.signup");
}

TEST(AuthEvents, PasswordResetRequestedConformsToItsSchema) {
  testing::AuthHarness auth;
  auth.sign_up("bea");
  auto response = auth.send(testing::json_request(http::Method::kPost, "/v1/auth/password/forgot",
                                                  R"({"email":"bea@example.com"})"));
  ASSERT_EQ(response.status, 202) << response.body;
  expect_conforms(auth, "user.password_reset_requested");
}

TEST(AuthEvents, UserSessionEndedConformsToItsSchema) {
  testing::AuthHarness auth;
  const SignedIn ada = auth.sign_up("ada");
  ASSERT_TRUE(auth.flows().sessions.end(ada.refresh.token, testing::AuthHarness::client()).ok());
  expect_conforms(auth, "user.session_ended");
}

TEST(AuthEvents, UserDeletedAndItsSessionEndConformToTheirSchemas) {
  testing::AuthHarness auth;
  const SignedIn ada = auth.sign_up("ada");
  ASSERT_TRUE(delete_account(auth.flows().ctx, ada.user.id, testing::kPassword,
                             testing::AuthHarness::client())
                  .ok());
  expect_conforms(auth, "user.deleted");
  expect_conforms(auth, "user.session_ended");
}

}  // namespace
}  // namespace sp::auth
