#include "wire.hpp"

#include <gtest/gtest.h>

#include <boost/beast/http/error.hpp>

#include "request_parser.hpp"

namespace sp::http {
namespace {

bool contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

TEST(ResponseHead, CarriesOurHeadersAndTheHandlers) {
  Response r = Response::json(200, R"({"ok":true})");
  r.set_header("ETag", "\"v1\"");
  std::string head;
  ResponseMeta meta;
  meta.request_id = "rid";
  meta.traceparent = "00-abc-def-01";
  write_response_head(head, r, meta);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_TRUE(contains(head, "Server: strangeprompt\r\n"));
  EXPECT_TRUE(contains(head, "Date: "));
  EXPECT_TRUE(contains(head, "Content-Length: 11\r\n"));
  EXPECT_TRUE(contains(head, "x-request-id: rid\r\n"));
  EXPECT_TRUE(contains(head, "traceparent: 00-abc-def-01\r\n"));
  EXPECT_TRUE(contains(head, "content-type: application/json\r\n"));
  EXPECT_TRUE(contains(head, "ETag: \"v1\"\r\n"));
  EXPECT_FALSE(contains(head, "Connection:"));
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
}

TEST(ResponseHead, DropsFramingHeadersAndLineBreaksFromHandlers) {
  Response r = Response::text(200, "abc");
  r.headers.emplace_back("Content-Length", "999");
  r.headers.emplace_back("Transfer-Encoding", "chunked");
  r.headers.emplace_back("x-evil", "a\r\nSet-Cookie: x=1");
  std::string head;
  write_response_head(head, r, ResponseMeta{});
  EXPECT_TRUE(contains(head, "Content-Length: 3\r\n"));
  EXPECT_FALSE(contains(head, "999"));
  EXPECT_FALSE(contains(head, "chunked"));
  EXPECT_FALSE(contains(head, "Set-Cookie"));
}

TEST(ResponseHead, ConnectionHeaderFollowsKeepAlive) {
  std::string head;
  ResponseMeta close;
  close.keep_alive = false;
  write_response_head(head, Response::no_content(), close);
  EXPECT_TRUE(contains(head, "Connection: close\r\n"));
  EXPECT_FALSE(contains(head, "Content-Length"));  // 204 has no body framing
  ResponseMeta old_client;
  old_client.http10 = true;
  write_response_head(head, Response::text(200, "x"), old_client);
  EXPECT_TRUE(contains(head, "Connection: keep-alive\r\n"));
}

TEST(HttpDate, IsImfFixdate) {
  std::string_view date = http_date_now();
  ASSERT_EQ(date.size(), 29u) << date;
  EXPECT_EQ(date.substr(3, 2), ", ");
  EXPECT_EQ(date.substr(26), "GMT");
}

TEST(SplitTarget, Table) {
  struct Case {
    std::string target;
    bool ok;
    std::string path, query;
  };
  const Case cases[] = {
      {"/a/b?x=1&y=%20", true, "/a/b", "x=1&y=%20"},
      // Raw: the router splits segments first and decodes each parameter after.
      {"/caf%C3%A9", true, "/caf%C3%A9", ""},
      {"/files/a%2Fb", true, "/files/a%2Fb", ""},
      {"/a+b", true, "/a+b", ""},
      {"/bad%zz", true, "/bad%zz", ""},
      {"/", true, "/", ""},
      {"/nul%00byte", false, "", ""},
      // Absolute-form (RFC 9112 §3.2.2): a server must accept it; the path is routed.
      {"http://example.com/x?q=1", true, "/x", "q=1"},
      {"HTTPS://example.com:8443/x", true, "/x", ""},
      {"http://example.com", true, "/", ""},
      {"http://example.com?q=1", true, "/", "q=1"},
      {"ftp://example.com/x", false, "", ""},
      {"example.com:443", false, "", ""},
      {"*", false, "", ""},
      {"", false, "", ""},
  };
  for (const Case& c : cases) {
    std::string path, query;
    bool ok = split_target(c.target, path, query);
    EXPECT_EQ(ok, c.ok) << c.target;
    if (ok) {
      EXPECT_EQ(path, c.path) << c.target;
      EXPECT_EQ(query, c.query) << c.target;
    }
  }
}

// Feeds bytes to a RequestParser the way the connection does.
boost::beast::error_code parse(std::string_view bytes, Request& request, RequestParser& parser) {
  boost::beast::error_code ec;
  while (!bytes.empty() && !parser.is_done()) {
    std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec) return ec;
    bytes.remove_prefix(used);
  }
  (void)request;
  return ec;
}

TEST(RequestParser, FillsRequestWithLowerCaseHeaderNames) {
  Request r;
  RequestParser parser(r);
  auto ec = parse(
      "POST /v1/x%20y?q=1 HTTP/1.1\r\nHost: h\r\nX-Thing: V\r\nContent-Length: 5\r\n"
      "\r\nhello",
      r, parser);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(parser.is_done());
  EXPECT_EQ(r.method, Method::kPost);
  EXPECT_EQ(r.target, "/v1/x%20y?q=1");
  EXPECT_EQ(r.path, "/v1/x%20y");  // raw; the router decodes parameters
  EXPECT_EQ(r.query, "q=1");
  EXPECT_EQ(r.header("x-thing"), "V");
  EXPECT_EQ(r.headers[1].first, "x-thing");
  EXPECT_EQ(r.body, "hello");
}

TEST(RequestParser, ReusedRequestDropsThePreviousMessage) {
  Request r;
  {
    RequestParser first(r);
    ASSERT_FALSE(parse("GET /a HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nHost: h\r\n\r\n", r, first));
  }
  RequestParser second(r);
  ASSERT_FALSE(parse("GET /b HTTP/1.1\r\nD: 4\r\nHost: h\r\n\r\n", r, second));
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.header("a"), "");
  EXPECT_EQ(r.header("d"), "4");
  EXPECT_EQ(r.path, "/b");
}

TEST(RequestParser, DecodesChunkedBodiesAndNotesExpectContinue) {
  Request r;
  RequestParser parser(r);
  auto ec = parse(
      "PUT /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
      "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
      r, parser);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(parser.expects_continue());
  EXPECT_EQ(r.body, "abcde");
}

TEST(RequestParser, AcceptsAbsoluteFormTargets) {
  Request r;
  RequestParser parser(r);
  ASSERT_FALSE(parse("GET http://x/a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n", r, parser));
  EXPECT_EQ(r.path, "/a");
  EXPECT_EQ(r.query, "b=1");
}

TEST(RequestParser, HostFieldTable) {
  struct Case {
    std::string_view request;
    bool ok;
  };
  const Case cases[] = {
      {"GET / HTTP/1.1\r\nHost: a\r\n\r\n", true},
      {"GET / HTTP/1.1\r\n\r\n", false},                        // RFC 9112 §3.2: required
      {"GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", false},  // and only once
      {"GET / HTTP/1.0\r\n\r\n", true},
      {"GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", false},
  };
  for (const Case& c : cases) {
    Request r;
    RequestParser parser(r);
    EXPECT_EQ(!parse(c.request, r, parser), c.ok) << c.request;
  }
}

TEST(RequestParser, OnlyChunkedAloneIsAnAcceptedTransferCoding) {
  struct Case {
    std::string_view codings;  // Transfer-Encoding field lines
    bool supported;
  };
  const Case cases[] = {
      {"Transfer-Encoding: chunked\r\n", true},
      {"Transfer-Encoding: Chunked \r\n", true},
      {"Transfer-Encoding: gzip, chunked\r\n", false},
      {"Transfer-Encoding: gzip\r\n", false},
  };
  for (const Case& c : cases) {
    Request r;
    RequestParser parser(r);
    std::string request =
        "POST / HTTP/1.1\r\nHost: h\r\n" + std::string(c.codings) + "\r\n1\r\nx\r\n0\r\n\r\n";
    auto ec = parse(request, r, parser);
    EXPECT_EQ(!ec, c.supported) << c.codings;
    EXPECT_EQ(parser.unsupported_transfer_coding(), !c.supported) << c.codings;
  }
  Request r;
  RequestParser parser(r);
  EXPECT_TRUE(parse(
      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"
      "\r\n1\r\nx\r\n0\r\n\r\n",
      r, parser));  // chunked twice: refused (400 or 501), never decoded once
}

}  // namespace
}  // namespace sp::http
