#pragma once
// GoogleTest assertions for RFC 9457 problem+json answers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "strangeprompt/http/message.hpp"

namespace sp::http::testing {

// Success when `response` has `status`, content-type application/problem+json and a JSON body
// whose "status" member equals `status`. Use: EXPECT_TRUE(is_problem(r, 400)).
::testing::AssertionResult is_problem(const Response& response, int status);

// The "field" of every element of the body's "errors" array, in order (empty when none).
std::vector<std::string> problem_fields(const Response& response);

// The body's "detail" ("" when absent).
std::string problem_detail(const Response& response);

}  // namespace sp::http::testing
