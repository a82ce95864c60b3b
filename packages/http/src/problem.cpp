// The one place expected failures become HTTP: ErrorCode -> status, Error -> problem+json.
#include <string>

#include "problem_body.hpp"
#include "status_reason.hpp"
#include "strangeprompt/core/json_text.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kGone:
      return 410;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kUnprocessable:
      return 422;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kNotSupported:
      return 501;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

Response problem_response(int status, std::string_view type, std::string_view detail,
                          std::string_view instance, const std::vector<FieldError>& fields) {
  Response r;
  r.status = status;
  std::string& body = r.body;
  body.reserve(160 + detail.size() + fields.size() * 48);
  body += "{\"type\":";
  append_json_string(body, type);
  body += ",\"title\":";
  append_json_string(body, reason_phrase(status));
  body += ",\"status\":";
  body += std::to_string(status);
  body += ",\"detail\":";
  append_json_string(body, detail.empty() ? reason_phrase(status) : detail);
  if (!instance.empty()) {
    body += ",\"instance\":";
    append_json_string(body, instance);
  }
  // RFC 9457 extension member: every invalid field of the request at once.
  if (!fields.empty()) {
    body += ",\"errors\":[";
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) body.push_back(',');
      body += "{\"field\":";
      append_json_string(body, fields[i].field);
      body += ",\"message\":";
      append_json_string(body, fields[i].message);
      body.push_back('}');
    }
    body.push_back(']');
  }
  body.push_back('}');
  r.headers.emplace_back("content-type", "application/problem+json");
  return r;
}

Response Response::problem(const Error& error, std::string_view instance) {
  const int status = status_for(error.code);
  std::string type = "about:blank";
  if (error.code != ErrorCode::kInternal) {
    type = "https://strangeprompt.dev/problems/";
    type += to_string(error.code);
  }
  // `internal` never leaves the process: only the public message is written.
  Response r = problem_response(status, type, error.message, instance, error.fields);
  if (error.retry_after_seconds > 0) {
    r.headers.emplace_back("retry-after", std::to_string(error.retry_after_seconds));
  }
  return r;
}

}  // namespace sp::http
