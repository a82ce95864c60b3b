#pragma once
// A Beast parser that fills a sp::http::Request directly (no beast::http::fields), reusing the
// Request's string capacity across the requests of one connection.
#include <boost/beast/http/basic_parser.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "strangeprompt/http/message.hpp"

namespace sp::http {

class BodySpool;

class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  // Clears the message part of `request` (keeps remote_address and secure).
  explicit RequestParser(Request& request);

  int version() const { return version_; }
  bool expects_continue() const { return expect_continue_; }
  // The request named a transfer coding other than exactly "chunked" (answered 501, RFC 9112
  // §6.1); parsing stopped with an error.
  bool unsupported_transfer_coding() const { return unsupported_coding_; }
  // From now on body bytes go to `spool` instead of Request::body (set after the header).
  void spool_to(BodySpool* spool) { spool_ = spool; }

 private:
  using error_code = boost::beast::error_code;
  using verb = boost::beast::http::verb;
  using field = boost::beast::http::field;
  using string_view = boost::beast::string_view;  // boost::core::string_view in Boost 1.81

  void on_request_impl(verb method, string_view method_str, string_view target, int version,
                       error_code& ec) override;
  void on_response_impl(int, string_view, int, error_code&) override {}
  void on_field_impl(field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                         error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  bool take_body(string_view body, error_code& ec);

  Request& request_;
  BodySpool* spool_ = nullptr;
  std::size_t fields_ = 0;
  int version_ = 11;
  int host_fields_ = 0;
  int coding_fields_ = 0;
  bool expect_continue_ = false;
  bool unsupported_coding_ = false;
};

// Splits a request target into the raw (still percent-encoded) path and the raw query. Accepts
// origin-form ("/a?b") and absolute-form ("http://host/a?b": its path is routed, an empty one is
// "/"); false for any other form or a path hiding a NUL byte ("%00"). The router matches the raw
// path and decodes each parameter, so "%2F" inside a segment never splits it.
bool split_target(std::string_view target, std::string& path, std::string& query);

}  // namespace sp::http
