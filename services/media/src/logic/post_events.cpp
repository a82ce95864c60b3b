#include "logic/post_events.hpp"

#include <boost/json.hpp>

#include "strangeprompt/core/id.hpp"
#include "strangeprompt/events/envelope.hpp"

namespace sp::media {
namespace {

Result<int64_t> id_field(const boost::json::object& data, std::string_view name) {
  const auto* value = data.if_contains(name);
  if (value == nullptr || !value->is_string()) {
    return Error::invalid("post event has no " + std::string(name));
  }
  auto id = parse_id(value->as_string());
  if (!id) return Error::invalid("post event " + std::string(name) + " is not an id");
  return *id;
}

}  // namespace

Result<PostVisibility> read_post_event(std::string_view payload) {
  SP_ASSIGN_OR_RETURN(events::Envelope e, events::Envelope::parse(payload));
  const bool published = e.type == kPostPublishedTopic;
  const bool revised = e.type == kPostRevisedTopic;
  if ((!published && !revised && e.type != kPostWithdrawnTopic) || e.version != 1) {
    return Error::invalid("not a gallery post event v1");
  }
  boost::json::error_code ec;
  boost::json::value data = boost::json::parse(e.data_json, ec);
  if (ec || !data.is_object()) return Error::invalid("post event data is not an object");
  const auto& object = data.as_object();
  PostVisibility out;
  SP_ASSIGN_OR_RETURN(out.post_id, id_field(object, "postId"));
  SP_ASSIGN_OR_RETURN(out.author_id, id_field(object, "authorId"));
  out.is_public = published || revised;
  out.event_at_ms = e.occurred_at_ms;
  out.event_id = e.id;
  if (!out.is_public) return out;
  const auto* images = object.if_contains("imageIds");
  if (images == nullptr || images->is_null()) {
    // published before imageIds existed: public, but no image is known to be in it.
    if (revised) return Error::invalid("gallery.post.revised has no imageIds");
    return out;
  }
  if (!images->is_array()) return Error::invalid("post event imageIds is not an array");
  for (const auto& each : images->as_array()) {
    std::optional<int64_t> id = each.is_string() ? parse_id(each.as_string()) : std::nullopt;
    if (!id) return Error::invalid("post event imageIds holds something that is not an id");
    out.image_ids.push_back(*id);
  }
  return out;
}

bool comes_after(int64_t at, std::string_view id, int64_t applied_at, std::string_view applied_id) {
  if (at != applied_at) return at > applied_at;
  if (id.size() != applied_id.size()) return id.size() > applied_id.size();
  return id > applied_id;
}

}  // namespace sp::media
