#pragma once
// The JSON the gallery answers with: posts (the card fields included) and comments.
#include <cstdint>
#include <string>

#include "logic/post.hpp"

namespace sp::gallery {

// A post as `viewer` sees it: `params` is null when the author hid them from others.
std::string post_json(const PostView& post, int64_t viewer);
std::string comment_json(const CommentView& comment);

}  // namespace sp::gallery
