#pragma once
// Request bodies of POST and PATCH /v1/gallery/posts, read with their rules; unknown and
// read-only members (id, author, likeCount, ...) are refused by JsonBody::finish().
#include "logic/post.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::gallery {

// A new post; every invalid field is recorded in `body` (check body.finish()).
PostDraft read_post_draft(http::JsonBody& body);
// A partial update; `params` and `tags`, when sent, replace the whole object / list.
PostChanges read_post_changes(http::JsonBody& body);

}  // namespace sp::gallery
