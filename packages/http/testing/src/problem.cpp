#include "strangeprompt/http/testing/problem.hpp"

#include "strangeprompt/http/testing/json_body.hpp"

namespace sp::http::testing {

::testing::AssertionResult is_problem(const Response& response, int status) {
  if (response.status != status) {
    return ::testing::AssertionFailure()
           << "status " << response.status << ", want " << status << "; body: " << response.body;
  }
  if (response.header("content-type") != "application/problem+json") {
    return ::testing::AssertionFailure() << "content-type \"" << response.header("content-type")
                                         << "\", want application/problem+json";
  }
  JsonBody body(response.body);
  if (body.integer("status") != status) {
    return ::testing::AssertionFailure()
           << "body \"status\" is not " << status << ": " << response.body;
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> problem_fields(const Response& response) {
  JsonBody body(response.body);
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < body.size("errors"); ++i) {
    fields.push_back(body.text("errors." + std::to_string(i) + ".field").value_or(""));
  }
  return fields;
}

std::string problem_detail(const Response& response) {
  return JsonBody(response.body).text("detail").value_or("");
}

}  // namespace sp::http::testing
