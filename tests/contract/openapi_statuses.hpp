#pragma once
// The response statuses schemas/openapi.yaml documents for each operation, read with a minimal
// line parser that relies on the file's layout: paths at two spaces, methods at four,
// `responses:` at six and status codes ('200':) at eight.
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>

namespace sp::testing {

using Operation = std::pair<std::string, std::string>;  // method (lower-case), path template

inline std::map<Operation, std::set<int>> documented_statuses(const std::string& spec_path) {
  std::ifstream in(spec_path);
  std::map<Operation, std::set<int>> out;
  static const std::regex kPath(R"(^  (/[^:]*):\s*$)");
  static const std::regex kMethod(R"(^    (get|post|put|patch|delete):\s*$)");
  static const std::regex kResponses(R"(^      responses:\s*$)");
  static const std::regex kOtherKey(R"(^ {0,6}[^ ].*$)");
  static const std::regex kStatus(R"(^        '([1-5][0-9][0-9])':.*$)");
  std::string line, path, method;
  bool in_responses = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, kPath)) {
      path = m[1];
      method.clear();
      in_responses = false;
    } else if (!path.empty() && std::regex_match(line, m, kMethod)) {
      method = m[1];
      in_responses = false;
      out[{method, path}];
    } else if (!method.empty() && std::regex_match(line, kResponses)) {
      in_responses = true;
    } else if (in_responses && std::regex_match(line, m, kStatus)) {
      out[{method, path}].insert(std::stoi(m[1]));
    } else if (in_responses && std::regex_match(line, kOtherKey)) {
      in_responses = false;
    }
  }
  return out;
}

}  // namespace sp::testing
