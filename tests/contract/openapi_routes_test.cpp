// schemas/openapi.yaml stays true: every route the built services register is documented, and
// every documented path+method is served.
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "openapi_statuses.hpp"
#include "strangeprompt/analytics/analytics_service.hpp"
#include "strangeprompt/auth/auth_service.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/config.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/gallery/gallery_service.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/media/media_service.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "strangeprompt/notifications/notifications_service.hpp"
#include "strangeprompt/profile/profile_service.hpp"
#include "strangeprompt/service/operations.hpp"

namespace sp {
namespace {

using Endpoint = std::pair<std::string, std::string>;  // method (lower-case), path

std::set<Endpoint> documented() {
  std::ifstream in(SP_OPENAPI_PATH);
  std::set<Endpoint> out;
  static const std::regex kPath(R"(^  (/[^:]*):\s*$)");
  static const std::regex kMethod(R"(^    (get|post|put|patch|delete):\s*$)");
  std::string line, path;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, kPath)) {
      path = m[1];
    } else if (!path.empty() && std::regex_match(line, m, kMethod)) {
      out.emplace(m[1], path);
    }
  }
  return out;
}

std::set<Endpoint> served(const http::Router& router) {
  std::set<Endpoint> out;
  for (const auto& r : router.routes()) {
    out.emplace(to_lower_ascii(http::to_string(r->method)), r->pattern);
  }
  return out;
}

TEST(OpenApi, DocumentsExactlyTheServedRoutes) {
  sp::testing::TempDir dir("sp-openapi");
  Config config;
  metrics::Metrics metrics;
  service::ServiceEnv env{config, Clock::system(), dir.string(), &metrics, nullptr};
  auto auth = auth::make_auth_service(env);
  http::Router router;
  auth->register_routes(router);
  auto profile = profile::make_profile_service(env);
  profile->register_routes(router);
  gallery::make_gallery_service(env)->register_routes(router);
  media::make_media_service(env)->register_routes(router);
  analytics::make_analytics_service(env)->register_routes(router);
  notifications::make_notifications_service(env)->register_routes(router);
  service::register_operations(router, metrics, {});

  auto docs = documented();
  auto live = served(router);
  ASSERT_GT(docs.size(), 10u) << "could not read " << SP_OPENAPI_PATH;
  for (const auto& [method, path] : live) {
    EXPECT_TRUE(docs.count({method, path}))
        << "served but not in openapi.yaml: " << method << " " << path;
  }
  for (const auto& [method, path] : docs) {
    EXPECT_TRUE(live.count({method, path}))
        << "in openapi.yaml but not served: " << method << " " << path;
  }
}

// Every operation lists its statuses (the black-box contract test compares them with what the
// binary answers), with exactly one success status.
TEST(OpenApi, EveryOperationDocumentsOneSuccessAndItsFailures) {
  const auto statuses = testing::documented_statuses(SP_OPENAPI_PATH);
  EXPECT_EQ(statuses.size(), documented().size());
  for (const auto& [op, codes] : statuses) {
    const auto successes =
        std::count_if(codes.begin(), codes.end(), [](int c) { return c >= 200 && c < 300; });
    EXPECT_EQ(successes, 1) << op.first << " " << op.second;
    if (op.second.starts_with("/v1/auth/") && op.second != "/v1/auth/.well-known/jwks.json") {
      EXPECT_GT(codes.size(), 1u) << op.first << " " << op.second << " documents no failure";
    }
  }
}

}  // namespace
}  // namespace sp
