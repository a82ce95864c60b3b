// Operations endpoints of a real process over real sockets.
#include <gtest/gtest.h>

#include "server_process.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::testing {
namespace {

class Operations : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  http::ClientResponse get(const std::string& path) {
    auto r = client_->send({http::Method::kGet, server_->base_url() + path, {}, {}});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : http::ClientResponse{};
  }
  static ServerProcess* server_;
  std::unique_ptr<http::HttpClient> client_ = http::HttpClient::create();
};
ServerProcess* Operations::server_ = nullptr;

TEST_F(Operations, HealthzAnswersOk) {
  ASSERT_TRUE(server_->started()) << server_->log();
  auto r = get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.header("content-type"), "application/json");
}

TEST_F(Operations, ReadyzListsItsChecks) {
  auto r = get("/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("status":"ready")"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("events":"ok")"), std::string::npos) << r.body;
}

TEST_F(Operations, MetricsCountRequestsByRouteAndStatus) {
  get("/healthz");
  get("/v1/no/such/route");  // under /v1: other paths are the web app's client routes
  auto r = get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("sp_http_requests_total{"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("route=\"/healthz\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("status=\"404\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("sp_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(r.body.find("sp_http_worker_queue_depth "), std::string::npos) << r.body;
}

TEST_F(Operations, UnknownRouteIsProblemJson404) {
  auto r = get("/v1/nothing/here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  EXPECT_NE(r.body.find("\"status\":404"), std::string::npos) << r.body;
}

TEST_F(Operations, ResponsesCarryRequestIdAndTraceparent) {
  auto r =
      client_->send({http::Method::kGet,
                     server_->base_url() + "/healthz",
                     {{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}},
                     {}});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->header("x-request-id").empty());
  EXPECT_NE(std::string(r->header("traceparent")).find("4bf92f3577b34da6a3ce929d0e0e4736"),
            std::string::npos);
}

TEST_F(Operations, AccessLogIsJsonLinesWithoutQueryStrings) {
  get("/healthz?token=supersecretvalue");
  auto log = server_->log_containing("\"path\":\"/healthz\"");
  EXPECT_NE(log.find("\"msg\":\"request\""), std::string::npos) << log;
  EXPECT_EQ(log.find("supersecretvalue"), std::string::npos);
}

}  // namespace
}  // namespace sp::testing
