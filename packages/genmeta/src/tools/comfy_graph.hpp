#pragma once
// Tracing through a ComfyUI API graph ({"<id>": {"class_type", "inputs"}}): an input is either a
// value or a link ["<id>", slot]. Every walk is bounded in depth and in nodes visited, so a cyclic
// or hostile graph costs a bounded amount of work.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::genmeta::detail {

class ComfyGraph {
 public:
  explicit ComfyGraph(const boost::json::object& nodes) : nodes_(nodes) {}

  static bool is_link(const boost::json::value& v);
  // The node a link points to, or nullptr.
  const boost::json::object* target(const boost::json::value& link) const;
  static const boost::json::object* inputs(const boost::json::object& node);
  static std::string_view class_type(const boost::json::object& node);

  // A scalar input, following links into primitive/seed/number nodes.
  const boost::json::value* scalar(const boost::json::value& v, int depth = 8) const;
  // A string input, following links into primitive, string and concatenation nodes.
  std::optional<std::string> text(const boost::json::value& v, int depth = 16) const;
  // The texts of the conditioning that `link` leads to, for "positive" or "negative".
  std::vector<std::string> prompts(const boost::json::value& link, std::string_view polarity) const;

  const boost::json::object& nodes() const { return nodes_; }

 private:
  void collect_prompts(const boost::json::value& link, std::string_view polarity, int depth,
                       std::vector<const boost::json::object*>& seen,
                       std::vector<std::string>& out) const;
  const boost::json::object& nodes_;
};

}  // namespace sp::genmeta::detail
