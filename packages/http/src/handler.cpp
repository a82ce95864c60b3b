#include "strangeprompt/http/handler.hpp"

#include "strangeprompt/core/log.hpp"

namespace sp::http {

Response respond(std::string_view service, const Request& request, Result<Response> result) {
  if (result.ok()) return std::move(result).value();
  const Error& error = result.error();
  if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
    log_error(service, "request failed",
              {{"path", request.path},
               {"code", to_string(error.code)},
               {"message", error.message},
               {"detail", error.internal}});
  }
  return Response::problem(error, request.path);
}

Response starting_problem(std::string_view service, const Request& request) {
  return Response::problem(Error::unavailable(std::string(service) + " service is starting"),
                           request.path);
}

}  // namespace sp::http
