#include "pipeline.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "strangeprompt/core/log.hpp"
#include "trace_context.hpp"

namespace sp::http {
namespace {

Route make_route(AuthMode auth, std::vector<std::string> scopes = {}, bool blocking = true) {
  Route r{Method::kGet,
          "/x",
          [](Request& req) {
            std::string who = req.principal ? std::to_string(req.principal->user_id) : "anon";
            return Response::text(200, who);
          },
          {}};
  r.options.auth = auth;
  r.options.scopes = std::move(scopes);
  r.options.blocking = blocking;
  r.options.name = "/x";
  return r;
}

// Accepts "Bearer good" (user 7, scope posts:write) and "Bearer down" (dependency failure).
Result<Principal> fake_auth(std::string_view authorization) {
  if (authorization == "Bearer good") {
    Principal p;
    p.user_id = 7;
    p.scopes = {"posts:write"};
    return p;
  }
  if (authorization == "Bearer down") return Error::unavailable("jwks unreachable", 2);
  return Error::unauthenticated("invalid token");
}

Request with_auth(std::string value) {
  Request r;
  if (!value.empty()) r.headers = {{"authorization", std::move(value)}};
  return r;
}

TEST(AssignRequestIds, EchoesSaneIncomingIdAndParentTrace) {
  Request r;
  r.headers = {{"x-request-id", "req-123"},
               {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}};
  std::string traceparent;
  assign_request_ids(r, traceparent);
  EXPECT_EQ(r.request_id, "req-123");
  EXPECT_EQ(r.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  auto ours = parse_traceparent(traceparent);
  ASSERT_TRUE(ours.has_value()) << traceparent;
  EXPECT_EQ(ours->trace_id, r.trace_id);
  EXPECT_NE(ours->parent_id, "00f067aa0ba902b7");  // our own span
  EXPECT_EQ(ours->flags, "00");                    // the caller's sampling decision
}

TEST(AssignRequestIds, ReplacesInsaneIdAndInvalidTrace) {
  Request r;
  r.headers = {{"x-request-id", "bad id\""}, {"traceparent", "junk"}};
  std::string traceparent;
  assign_request_ids(r, traceparent);
  EXPECT_TRUE(is_sane_request_id(r.request_id));
  EXPECT_NE(r.request_id, "bad id\"");
  EXPECT_EQ(r.trace_id.size(), 32u);
  ASSERT_TRUE(parse_traceparent(traceparent).has_value());
  EXPECT_EQ(parse_traceparent(traceparent)->trace_id, r.trace_id);
}

TEST(NeedsWorker, Table) {
  Request plain;
  Request authed = with_auth("Bearer good");
  EXPECT_TRUE(needs_worker(make_route(AuthMode::kNone, {}, true), plain, true));
  EXPECT_FALSE(needs_worker(make_route(AuthMode::kNone, {}, false), authed, true));
  EXPECT_FALSE(needs_worker(make_route(AuthMode::kRequired, {}, false), plain, true));
  EXPECT_TRUE(needs_worker(make_route(AuthMode::kOptional, {}, false), authed, true));
  EXPECT_FALSE(needs_worker(make_route(AuthMode::kRequired, {}, false), authed, false));
}

TEST(RunRoute, RequiredAuthWithoutCredentialsIs401WithChallenge) {
  Request r;
  Response resp = run_route(make_route(AuthMode::kRequired), r, fake_auth, "t");
  EXPECT_EQ(resp.status, 401);
  EXPECT_EQ(resp.header("www-authenticate"), "Bearer");
  EXPECT_EQ(resp.header("content-type"), "application/problem+json");
}

TEST(RunRoute, BadTokenIs401EvenOnOptionalRoutes) {
  Request r = with_auth("Bearer forged");
  Response resp = run_route(make_route(AuthMode::kOptional), r, fake_auth, "t");
  EXPECT_EQ(resp.status, 401);
  EXPECT_NE(resp.body.find("invalid token"), std::string::npos);
}

TEST(RunRoute, GoodTokenSetsPrincipal) {
  Request r = with_auth("Bearer good");
  Response resp = run_route(make_route(AuthMode::kRequired, {"posts:write"}), r, fake_auth, "t");
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "7");
}

TEST(RunRoute, MissingScopeIs403) {
  Request r = with_auth("Bearer good");
  Response resp = run_route(make_route(AuthMode::kRequired, {"admin"}), r, fake_auth, "t");
  EXPECT_EQ(resp.status, 403);
  EXPECT_NE(resp.body.find("admin"), std::string::npos);
}

TEST(RunRoute, OptionalAuthWithoutCredentialsRunsAnonymously) {
  Request r;
  Response resp = run_route(make_route(AuthMode::kOptional, {"admin"}), r, fake_auth, "t");
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "anon");
}

TEST(RunRoute, AuthenticatorOutageKeepsItsStatus) {
  Request r = with_auth("Bearer down");
  Response resp = run_route(make_route(AuthMode::kRequired), r, fake_auth, "t");
  EXPECT_EQ(resp.status, 503);
  EXPECT_EQ(resp.header("retry-after"), "2");
}

TEST(RunRoute, ThrowingHandlerIs500WithoutDetail) {
  Route route = make_route(AuthMode::kNone);
  route.handler = [](Request&) -> Response { throw std::runtime_error("secret detail"); };
  Request r;
  Logger::global().set_sink([](std::string_view) {});
  Response resp = run_route(route, r, nullptr, "t");
  Logger::global().set_sink(nullptr);
  EXPECT_EQ(resp.status, 500);
  EXPECT_EQ(resp.body.find("secret"), std::string::npos);
}

TEST(RunRoute, HandlerSeesLogContextWhichIsClearedAfter) {
  Route route = make_route(AuthMode::kNone);
  std::string seen_trace, seen_request;
  route.handler = [&](Request&) {
    seen_trace = LogContext::current().trace_id;
    seen_request = LogContext::current().request_id;
    return Response::no_content();
  };
  Request r;
  r.trace_id = "t1";
  r.request_id = "r1";
  (void)run_route(route, r, nullptr, "t");
  EXPECT_EQ(seen_trace, "t1");
  EXPECT_EQ(seen_request, "r1");
  EXPECT_TRUE(LogContext::current().trace_id.empty());
  EXPECT_TRUE(LogContext::current().request_id.empty());
}

TEST(Problems, ServerGeneratedStatuses) {
  EXPECT_EQ(not_found_problem().status, 404);
  Response not_allowed = method_not_allowed_problem("GET, HEAD");
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.header("allow"), "GET, HEAD");
  EXPECT_NE(not_allowed.body.find("\"title\":\"Method Not Allowed\""), std::string::npos);
  EXPECT_EQ(payload_too_large_problem().status, 413);
  EXPECT_EQ(header_too_large_problem().status, 431);
  EXPECT_EQ(bad_request_problem().status, 400);
  Response busy = worker_pool_full_problem();
  EXPECT_EQ(busy.status, 503);
  EXPECT_EQ(busy.header("retry-after"), "1");
}

}  // namespace
}  // namespace sp::http
