// RequestParser callbacks: copy the pieces Beast hands us into the reused Request.
#include "request_parser.hpp"

#include <boost/beast/http/error.hpp>

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

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void lower_in_place(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

}  // namespace

bool split_target(std::string_view target, std::string& path, std::string& query) {
  if (target.empty() || target.front() != '/') return false;
  auto q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  query.assign(q == std::string_view::npos ? std::string_view{} : target.substr(q + 1));
  path.clear();
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    char c = raw_path[i];
    if (c == '%' && i + 2 < raw_path.size()) {
      int hi = hex_digit(raw_path[i + 1]), lo = hex_digit(raw_path[i + 2]);
      if (hi >= 0 && lo >= 0) {
        c = static_cast<char>(hi * 16 + lo);
        if (c == '\0') return false;
        i += 2;
      }
    }
    path.push_back(c);
  }
  return true;
}

RequestParser::RequestParser(Request& request) : request_(request) {
  request_.method = Method::kOther;
  request_.target.clear();
  request_.path.clear();
  request_.query.clear();
  request_.body.clear();
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
                                  error_code&) {
  Headers& headers = request_.headers;
  if (fields_ < headers.size()) {
    headers[fields_].first.assign(name_string.data(), name_string.size());
    headers[fields_].second.assign(value.data(), value.size());
  } else {
    headers.emplace_back(std::string(name_string), std::string(value));
  }
  lower_in_place(headers[fields_].first);
  ++fields_;
  if (name == field::expect && iequals_ascii(trim(std::string_view(value)), "100-continue"))
    expect_continue_ = true;
}

void RequestParser::on_header_impl(error_code&) {
  request_.headers.resize(fields_);
}

void RequestParser::on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                                      error_code&) {
  if (content_length && *content_length <= (1u << 26)) {
    request_.body.reserve(static_cast<std::size_t>(*content_length));
  }
}

std::size_t RequestParser::on_body_impl(string_view body, error_code&) {
  request_.body.append(body.data(), body.size());
  return body.size();
}

void RequestParser::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
  request_.body.append(body.data(), body.size());
  return body.size();
}

void RequestParser::on_finish_impl(error_code&) {}

}  // namespace sp::http
