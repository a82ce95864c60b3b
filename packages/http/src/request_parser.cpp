// RequestParser callbacks: copy the pieces Beast hands us into the reused Request.
#include "request_parser.hpp"

#include <boost/beast/http/error.hpp>
#include <boost/system/errc.hpp>

#include "body_spool.hpp"

#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace {

Method method_from(boost::beast::http::verb v) {
  using boost::beast::http::verb;
  switch (v) {
    case verb::get:
      return Method::kGet;
    case verb::head:
      return Method::kHead;
    case verb::post:
      return Method::kPost;
    case verb::put:
      return Method::kPut;
    case verb::patch:
      return Method::kPatch;
    case verb::delete_:
      return Method::kDelete;
    case verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

// "http://host" or "https://host" (any case): the length of that prefix, else 0.
std::size_t absolute_form_prefix(std::string_view target) {
  auto sep = target.find("://");
  if (sep == std::string_view::npos) return 0;
  std::string_view scheme = target.substr(0, sep);
  if (!iequals_ascii(scheme, "http") && !iequals_ascii(scheme, "https")) return 0;
  auto authority_end = target.find_first_of("/?", sep + 3);
  return authority_end == std::string_view::npos ? target.size() : authority_end;
}

void lower_in_place(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

}  // namespace

bool split_target(std::string_view target, std::string& path, std::string& query) {
  if (target.empty()) return false;
  if (target.front() != '/') {
    std::size_t prefix = absolute_form_prefix(target);
    if (prefix == 0) return false;
    target.remove_prefix(prefix);
  }
  auto q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  query.assign(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
  if (raw_path.find("%00") != std::string_view::npos) return false;
  if (raw_path.empty()) {
    path.assign("/");
  } else {
    path.assign(raw_path);
  }
  return true;
}

RequestParser::RequestParser(Request& request) : request_(request) {
  request_.method = Method::kOther;
  request_.target.clear();
  request_.path.clear();
  request_.query.clear();
  request_.body.clear();
  request_.spooled.reset();  // removes the previous request's spooled file
  request_.params.clear();
  request_.principal.reset();
}

void RequestParser::on_request_impl(verb method, string_view, string_view target, int version,
                                    error_code& ec) {
  request_.method = method_from(method);
  request_.target.assign(target.data(), target.size());
  version_ = version;
  if (!split_target(std::string_view(target), request_.path, request_.query)) {
    ec = boost::beast::http::error::bad_target;
  }
}

void RequestParser::on_field_impl(field name, string_view name_string, string_view value,
                                  error_code& ec) {
  Headers& headers = request_.headers;
  if (fields_ < headers.size()) {
    headers[fields_].first.assign(name_string.data(), name_string.size());
    headers[fields_].second.assign(value.data(), value.size());
  } else {
    headers.emplace_back(std::string(name_string), std::string(value));
  }
  lower_in_place(headers[fields_].first);
  ++fields_;
  std::string_view text = trim(std::string_view(value));
  if (name == field::expect && iequals_ascii(text, "100-continue")) expect_continue_ = true;
  if (name == field::host) ++host_fields_;
  if (name == field::transfer_encoding) {
    // Only "chunked" alone is decoded; "gzip, chunked" or a repeated field would be misread.
    if (++coding_fields_ > 1 || !iequals_ascii(text, "chunked")) {
      unsupported_coding_ = true;
      ec = boost::beast::http::error::bad_transfer_encoding;
    }
  }
}

void RequestParser::on_header_impl(error_code& ec) {
  request_.headers.resize(fields_);
  // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host; a repeated Host is refused always.
  if (host_fields_ > 1 || (version_ >= 11 && host_fields_ == 0)) {
    ec = boost::beast::http::error::bad_field;
  }
}

void RequestParser::on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                                      error_code&) {
  if (spool_ == nullptr && content_length && *content_length <= (1u << 26)) {
    request_.body.reserve(static_cast<std::size_t>(*content_length));
  }
}

bool RequestParser::take_body(string_view body, error_code& ec) {
  if (spool_ == nullptr) {
    request_.body.append(body.data(), body.size());
    return true;
  }
  if (spool_->write(std::string_view(body.data(), body.size()))) return true;
  ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
  return false;
}

std::size_t RequestParser::on_body_impl(string_view body, error_code& ec) {
  take_body(body, ec);
  return body.size();
}

void RequestParser::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) {
  take_body(body, ec);
  return body.size();
}

void RequestParser::on_finish_impl(error_code&) {}

}  // namespace sp::http
