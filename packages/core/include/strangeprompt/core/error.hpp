#pragma once
// Expected failures as values. Each ErrorCode maps to exactly one HTTP status in
// packages/http (problem+json); `message` is safe to show to the caller, `internal` is only logged.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp {

enum class ErrorCode {
  kInvalidArgument,   // 400: the caller sent something malformed or out of range
  kUnauthenticated,   // 401: no or bad credentials
  kPermissionDenied,  // 403: authenticated but not allowed (missing scope, not the owner)
  kNotFound,          // 404
  kConflict,          // 409: unique key taken, stale version
  kGone,              // 410: expired or consumed token
  kPayloadTooLarge,   // 413
  kUnsupportedMedia,  // 415
  kUnprocessable,     // 422: well-formed but semantically rejected
  kRateLimited,       // 429
  kUnavailable,       // 503: a dependency or the worker pool is saturated / down
  kNotSupported,      // 501: the configured adapter cannot do this (honest "not yet")
  kInternal,          // 500: a bug or an unexpected engine failure
};

// One invalid field of a request, reported in problem+json `errors`.
struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  Error() = default;
  Error(ErrorCode c, std::string msg, std::string detail = {})
      : code(c), message(std::move(msg)), internal(std::move(detail)) {}

  ErrorCode code = ErrorCode::kInternal;
  std::string message;             // public, shown to the caller
  std::string internal;            // private detail for logs only (engine messages, SQL state)
  std::vector<FieldError> fields;  // optional per-field validation errors
  int retry_after_seconds = 0;     // for kRateLimited / kUnavailable, 0 = not set

  static Error invalid(std::string msg) { return {ErrorCode::kInvalidArgument, std::move(msg)}; }
  static Error not_found(std::string msg) { return {ErrorCode::kNotFound, std::move(msg)}; }
  static Error conflict(std::string msg) { return {ErrorCode::kConflict, std::move(msg)}; }
  static Error forbidden(std::string msg) { return {ErrorCode::kPermissionDenied, std::move(msg)}; }
  static Error unauthenticated(std::string msg) {
    return {ErrorCode::kUnauthenticated, std::move(msg)};
  }
  static Error unavailable(std::string msg, int retry_after = 1) {
    Error e{ErrorCode::kUnavailable, std::move(msg)};
    e.retry_after_seconds = retry_after;
    return e;
  }
  // An engine failure: the caller sees a generic message, the detail goes to the log.
  static Error internal_error(std::string detail) {
    return {ErrorCode::kInternal, "internal error", std::move(detail)};
  }
};

std::string_view to_string(ErrorCode code);

}  // namespace sp
