#include "strangeprompt/core/error.hpp"

namespace sp {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid-argument";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission-denied";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kGone:
      return "gone";
    case ErrorCode::kPayloadTooLarge:
      return "payload-too-large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported-media-type";
    case ErrorCode::kUnprocessable:
      return "unprocessable";
    case ErrorCode::kRateLimited:
      return "rate-limited";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kNotSupported:
      return "not-supported";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace sp
