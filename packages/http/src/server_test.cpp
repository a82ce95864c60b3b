// The server over real sockets: routing, keep-alive, problems, auth, HEAD, pipelining.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>
#include <thread>

#include "strangeprompt/http/client.hpp"
#include "test_server.hpp"

namespace sp::http {
namespace {

using testing::RawClient;

Result<Principal> token_auth(std::string_view authorization) {
  if (authorization != "Bearer alice") return Error::unauthenticated("invalid token");
  Principal p;
  p.user_id = 1;
  p.scopes = {"posts:read"};
  return p;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RouteOptions inline_route;
    inline_route.blocking = false;
    router.add(
        Method::kGet, "/hello",
        [](Request&) { return Response::json(200, R"({"hello":"world"})"); }, inline_route);
    router.add(Method::kGet, "/posts/{id}", [](Request& r) {
      return Response::json(200, "{\"id\":\"" + std::string(r.param("id")) + "\",\"q\":\"" +
                                     r.query_param("q").value_or("") + "\"}");
    });
    router.add(Method::kPost, "/echo", [](Request& r) { return Response::text(200, r.body); });
    router.add(Method::kGet, "/boom",
               [](Request&) -> Response { throw std::runtime_error("kaboom"); });
    RouteOptions required;
    required.auth = AuthMode::kRequired;
    required.scopes = {"posts:read"};
    router.add(
        Method::kGet, "/me",
        [](Request& r) { return Response::json(200, std::to_string(r.principal->user_id)); },
        required);
    RouteOptions admin = required;
    admin.scopes = {"admin"};
    router.add(
        Method::kGet, "/admin", [](Request&) { return Response::no_content(); }, admin);
    router.add(Method::kGet, "/whoami",
               [](Request& r) { return Response::text(200, r.remote_address); });
    router.add(Method::kGet, "/files/{name}/meta", [](Request& r) {
      return Response::text(200, std::string(r.param("name")) + "|" + r.path);
    });
    ServerOptions options = testing::test_options();
    options.max_connections = 1;                // proves the client reuses its pooled connection
    options.trusted_proxies = {"127.0.0.0/8"};  // the test client connects from loopback
    server = testing::start_server(options, router, &metrics, token_auth);
    base = "http://127.0.0.1:" + std::to_string(server->port());
  }
  void TearDown() override { server->stop(); }

  Result<ClientResponse> get(const std::string& path, Headers headers = {}) {
    return client->send({Method::kGet, base + path, std::move(headers), ""});
  }

  Router router;
  Metrics metrics;
  std::unique_ptr<Server> server;
  std::unique_ptr<HttpClient> client = HttpClient::create();
  std::string base;
};

TEST_F(ServerTest, ServesInlineRouteWithStandardHeaders) {
  auto r = get("/hello");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"hello":"world"})");
  EXPECT_EQ(r->header("server"), "strangeprompt");
  EXPECT_FALSE(r->header("date").empty());
  EXPECT_EQ(r->header("content-type"), "application/json");
  EXPECT_FALSE(r->header("x-request-id").empty());
  EXPECT_EQ(r->header("traceparent").size(), 55u);
}

TEST_F(ServerTest, ClientReusesKeepAliveConnection) {
  // max_connections is 1: a second connection would be refused.
  for (int i = 0; i < 5; ++i) {
    auto r = get("/posts/" + std::to_string(i) + "?q=a%20b");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->body, "{\"id\":\"" + std::to_string(i) + "\",\"q\":\"a b\"}");
  }
}

TEST_F(ServerTest, EchoesSaneRequestIdAndContinuesTrace) {
  auto r =
      get("/hello", {{"X-Request-Id", "abc-1"},
                     {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->header("x-request-id"), "abc-1");
  EXPECT_EQ(r->header("traceparent").substr(0, 36), "00-4bf92f3577b34da6a3ce929d0e0e4736-");
}

TEST_F(ServerTest, UnknownPathIs404Problem) {
  auto r = get("/nope");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->header("content-type"), "application/problem+json");
  EXPECT_EQ(boost::json::parse(r->body).at("status").as_int64(), 404);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto r = client->send({Method::kDelete, base + "/hello", {}, ""});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->header("allow"), "GET, HEAD");
  EXPECT_EQ(r->header("content-type"), "application/problem+json");
}

TEST_F(ServerTest, PostBodyReachesHandler) {
  auto r = client->send({Method::kPost, base + "/echo", {}, "payload"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "payload");
}

TEST_F(ServerTest, HeadSendsLengthButNoBody) {
  auto r = client->send({Method::kHead, base + "/hello", {}, ""});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("content-length"), "17");
  EXPECT_TRUE(r->body.empty());
}

TEST_F(ServerTest, ThrowingHandlerIs500Problem) {
  auto r = get("/boom");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("kaboom"), std::string::npos);
}

TEST_F(ServerTest, AuthRequiredWithoutTokenIs401) {
  auto r = get("/me");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->header("www-authenticate"), "Bearer");
}

TEST_F(ServerTest, ValidTokenReachesHandler) {
  auto r = get("/me", {{"Authorization", "Bearer alice"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "1");
}

TEST_F(ServerTest, MissingScopeIs403) {
  auto r = get("/admin", {{"Authorization", "Bearer alice"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403);
}

TEST_F(ServerTest, RawKeepAliveServesPipelinedRequestsInOrder) {
  RawClient raw(server->port());
  ASSERT_TRUE(
      raw.send("GET /posts/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /posts/2 HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto first = raw.read_response();
  auto second = raw.read_response();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body, R"({"id":"1","q":""})");
  EXPECT_EQ(second->body, R"({"id":"2","q":""})");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RawClient raw(server->port());
  ASSERT_TRUE(raw.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  auto r = raw.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(raw.closed_within(std::chrono::seconds(1)));
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBody) {
  RawClient raw(server->port());
  ASSERT_TRUE(
      raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
               "Expect: 100-continue\r\n\r\n"));
  auto interim = raw.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(raw.send("body"));
  auto r = raw.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "body");
}

TEST_F(ServerTest, SecondServerOnTheSamePortIsRefused) {
  ServerOptions options = testing::test_options();
  options.port = server->port();
  auto second = Server::create(options, router, nullptr, nullptr);
  ASSERT_TRUE(second.ok());
  Status started = (*second)->start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
}

TEST_F(ServerTest, MetricsRecordRouteLabels) {
  ASSERT_TRUE(get("/posts/9").ok());
  ASSERT_TRUE(get("/nope").ok());
  // A request is recorded once its response is written, just after the client has it.
  std::string text;
  for (int i = 0; i < 100 && text.find("status=\"404\"") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    text = metrics.render();
  }
  EXPECT_NE(
      text.find("sp_http_requests_total{route=\"/posts/{id}\",method=\"GET\",status=\"200\"} 1"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("sp_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1"),
      std::string::npos);
}

// One raw request on a fresh connection; its response (status 0 when none came). Waits for the
// previous connection to be gone first: the fixture allows one connection at a time.
testing::RawResponse exchange(Metrics& metrics, uint16_t port, std::string_view bytes) {
  if (!testing::wait_for_metric(metrics, "sp_http_open_connections 0")) return {};
  RawClient raw(port);
  if (!raw.send(bytes)) return {};
  return raw.read_response(std::chrono::seconds(5)).value_or(testing::RawResponse{});
}

TEST_F(ServerTest, Rfc9112ConformanceTable) {
  struct Case {
    std::string_view name;
    std::string_view request;
    int status;
    std::string_view body;  // checked when not empty
  };
  const Case cases[] = {
      {"no Host in HTTP/1.1", "GET /hello HTTP/1.1\r\n\r\n", 400, ""},
      {"two Host fields", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, ""},
      {"HTTP/1.0 needs no Host", "GET /hello HTTP/1.0\r\n\r\n", 200, ""},
      {"gzip, chunked is not decoded as chunked",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
       "4\r\nbody\r\n0\r\n\r\n",
       501, ""},
      {"chunked alone is decoded",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
       "4\r\nbody\r\n0\r\n\r\n",
       200, "body"},
      {"absolute-form target is routed on its path",
       "GET http://example.com/posts/7?q=z HTTP/1.1\r\nHost: example.com\r\n\r\n", 200,
       R"({"id":"7","q":"z"})"},
      {"absolute-form without a path is /", "GET HTTPS://example.com HTTP/1.1\r\nHost: x\r\n\r\n",
       404, ""},
      {"leading empty lines are ignored", "\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 200,
       R"({"hello":"world"})"},
      {"%2F stays inside its segment", "GET /files/a%2Fb/meta HTTP/1.1\r\nHost: x\r\n\r\n", 200,
       "a/b|/files/a%2Fb/meta"},
      {"an encoded NUL is refused", "GET /files/a%00b/meta HTTP/1.1\r\nHost: x\r\n\r\n", 400, ""},
  };
  for (const Case& c : cases) {
    auto r = exchange(metrics, server->port(), c.request);
    EXPECT_EQ(r.status, c.status) << c.name;
    if (!c.body.empty()) {
      EXPECT_EQ(r.body, c.body) << c.name;
    }
    if (c.status >= 400) {
      EXPECT_EQ(r.header("content-type"), "application/problem+json") << c.name;
    }
  }
}

TEST_F(ServerTest, TrustedProxyNamesTheClientAddress) {
  auto direct = exchange(metrics, server->port(), "GET /whoami HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(direct.body, "127.0.0.1");
  auto proxied = exchange(metrics, server->port(),
                          "GET /whoami HTTP/1.1\r\nHost: x\r\n"
                          "X-Forwarded-For: 198.51.100.1, 203.0.113.9, 127.0.0.2\r\n\r\n");
  EXPECT_EQ(proxied.body, "203.0.113.9");  // right-most untrusted; the spoofable left is ignored
}

}  // namespace
}  // namespace sp::http
