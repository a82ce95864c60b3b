#include "logic/remix_diff.hpp"

#include <boost/json.hpp>

#include <map>

#include "strangeprompt/core/json_writer.hpp"

namespace sp::gallery {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

void push(std::vector<WordChange>& out, WordChange::Op op, const std::string& word) {
  if (!out.empty() && out.back().op == op) {
    out.back().text += " " + word;
  } else {
    out.push_back({op, word});
  }
}

// name -> JSON text of each member, objects flattened one level ("model.name").
std::map<std::string, std::string> flatten(std::string_view json) {
  std::map<std::string, std::string> out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [key, value] : v.as_object()) {
    if (value.is_object()) {
      for (const auto& [inner, x] : value.as_object()) {
        out[std::string(key) + "." + std::string(inner)] = boost::json::serialize(x);
      }
    } else {
      out[std::string(key)] = boost::json::serialize(value);
    }
  }
  return out;
}

void changes(JsonWriter& w, std::string_view name, const std::vector<WordChange>& diff) {
  w.key(name).begin_array();
  for (const WordChange& c : diff) {
    const char* op = c.op == WordChange::Op::kSame    ? "same"
                     : c.op == WordChange::Op::kAdded ? "added"
                                                      : "removed";
    w.begin_object().key("op").string(op).key("text").string(c.text).end_object();
  }
  w.end_array();
}

}  // namespace

std::vector<WordChange> word_diff(std::string_view parent, std::string_view remix) {
  const std::vector<std::string> a = words(parent), b = words(remix);
  std::vector<WordChange> out;
  if (a.size() > kMaxDiffWords || b.size() > kMaxDiffWords) {
    for (const auto& x : a) push(out, WordChange::Op::kRemoved, x);
    for (const auto& x : b) push(out, WordChange::Op::kAdded, x);
    return out;
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  std::vector<std::vector<uint16_t>> lcs(a.size() + 1, std::vector<uint16_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? static_cast<uint16_t>(lcs[i + 1][j + 1] + 1)
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      push(out, WordChange::Op::kSame, a[i]);
      ++i;
      ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      push(out, WordChange::Op::kRemoved, a[i++]);
    } else {
      push(out, WordChange::Op::kAdded, b[j++]);
    }
  }
  while (i < a.size()) push(out, WordChange::Op::kRemoved, a[i++]);
  while (j < b.size()) push(out, WordChange::Op::kAdded, b[j++]);
  return out;
}

std::vector<FieldChange> params_diff(std::string_view parent_json, std::string_view remix_json) {
  const auto a = flatten(parent_json), b = flatten(remix_json);
  std::map<std::string, std::pair<std::string, std::string>> all;
  for (const auto& [k, v] : a) all[k] = {v, "null"};
  for (const auto& [k, v] : b) {
    auto it = all.find(k);
    if (it == all.end()) {
      all[k] = {"null", v};
    } else {
      it->second.second = v;
    }
  }
  std::vector<FieldChange> out;
  for (const auto& [k, fv] : all) {
    if (fv.first != fv.second) out.push_back({k, fv.first, fv.second});
  }
  return out;
}

std::string remix_diff_json(std::string_view parent_prompt, std::string_view prompt,
                            std::string_view parent_negative, std::string_view negative,
                            std::string_view parent_params, std::string_view params) {
  JsonWriter w;
  w.begin_object();
  changes(w, "prompt", word_diff(parent_prompt, prompt));
  changes(w, "negativePrompt", word_diff(parent_negative, negative));
  w.key("params").begin_array();
  for (const FieldChange& c : params_diff(parent_params, params)) {
    w.begin_object().key("field").string(c.field).key("from").raw(c.from).key("to").raw(c.to);
    w.end_object();
  }
  w.end_array().end_object();
  return std::move(w).take();
}

}  // namespace sp::gallery
