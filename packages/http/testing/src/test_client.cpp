#include "strangeprompt/http/testing/test_client.hpp"

#include <utility>

#include "pipeline.hpp"
#include "request_parser.hpp"

namespace sp::http::testing {

TestClient::TestClient(const Router& router, Authenticator authenticator, std::string service)
    : router_(router), authenticator_(std::move(authenticator)), service_(std::move(service)) {}

Response TestClient::send(Request request) const {
  if (request.path.empty() && !split_target(request.target, request.path, request.query)) {
    return bad_request_problem();
  }
  std::string traceparent;
  assign_request_ids(request, traceparent);
  // The same steps, in the same order, as Connection::answer_inline and the worker job.
  RouteMatch match = router_.match(request.method, request.path);
  if (match.route == nullptr) {
    if (match.method_not_allowed) return method_not_allowed_problem(std::move(match.allow));
    return not_found_problem();
  }
  request.params = std::move(match.params);
  return run_route(*match.route, request, authenticator_, service_);
}

namespace {

void append_query_encoded(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
}

}  // namespace

Request request(Method method, std::string target) {
  Request r;
  r.method = method;
  r.target = std::move(target);
  r.headers = {{"user-agent", "test-client/1.0"}};
  r.remote_address = "198.51.100.7";
  return r;
}

Request json_request(Method method, std::string target, std::string body) {
  Request r;
  r.method = method;
  r.target = std::move(target);
  r.headers = {{"content-type", "application/json"}, {"user-agent", "test-client/1.0"}};
  r.body = std::move(body);
  r.remote_address = "198.51.100.7";
  return r;
}

Request with_bearer(Request request, std::string_view token) {
  request.headers.emplace_back("authorization", "Bearer " + std::string(token));
  return request;
}

Request with_header(Request request, std::string_view name, std::string value) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  request.headers.emplace_back(std::move(lower), std::move(value));
  return request;
}

Request with_cookies(Request request, std::string cookies) {
  request.headers.emplace_back("cookie", std::move(cookies));
  return request;
}

Request with_query(Request request, std::string_view name, std::string_view value) {
  request.target.push_back(request.target.find('?') == std::string::npos ? '?' : '&');
  append_query_encoded(request.target, name);
  request.target.push_back('=');
  append_query_encoded(request.target, value);
  request.path.clear();  // send() derives path and query from the new target
  request.query.clear();
  return request;
}

}  // namespace sp::http::testing
