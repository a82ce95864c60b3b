#pragma once
// remixDiff: how a remix differs from its parent — a word-level diff of the prompt and negative
// prompt, and a field diff of the generation parameters.
#include <string>
#include <string_view>
#include <vector>

namespace sp::gallery {

struct WordChange {
  enum class Op { kSame, kAdded, kRemoved };
  Op op = Op::kSame;
  std::string text;  // consecutive words of one op, joined by single spaces
};

// The parent's words turned into the remix's (longest common subsequence over whitespace-split
// words; runs of one op merged). Beyond kMaxDiffWords words on either side the diff is one
// removal and one addition (bounded work).
inline constexpr std::size_t kMaxDiffWords = 600;
std::vector<WordChange> word_diff(std::string_view parent, std::string_view remix);

struct FieldChange {
  std::string field;  // dotted: "steps", "model.name", "resources"
  std::string from;   // JSON values as text ("null" when absent)
  std::string to;
};

// The params objects (as served) compared member by member; `model` by name and hash.
std::vector<FieldChange> params_diff(std::string_view parent_json, std::string_view remix_json);

// {"prompt":[{"op","text"}],"negativePrompt":[...],"params":[{"field","from","to"}]}
std::string remix_diff_json(std::string_view parent_prompt, std::string_view prompt,
                            std::string_view parent_negative, std::string_view negative,
                            std::string_view parent_params, std::string_view params);

}  // namespace sp::gallery
