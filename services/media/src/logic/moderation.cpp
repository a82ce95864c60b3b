#include "logic/moderation.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <memory>

#include "logic/image_hashes.hpp"
#include "strangeprompt/core/json_writer.hpp"
#include "strangeprompt/http/client.hpp"
#include "strangeprompt/security/encoding.hpp"

namespace sp::media {

ModerationVerdict moderate(const ModerationPolicy& policy, const ModerationProvider& provider,
                           const MediaRecord& media, const ProcessedImage& image) {
  for (uint64_t blocked : policy.blocklist) {
    if (hamming_distance(blocked, image.phash) <= policy.blocklist_distance) {
      return {kOutcomeRejected, "the image matches a blocked image"};
    }
  }
  const double longer = std::max(image.width, image.height);
  const double shorter = std::max(1, std::min(image.width, image.height));
  if (longer / shorter > policy.max_aspect_ratio) {
    return {kOutcomeNeedsReview, "the image's proportions are unusual"};
  }
  if (!provider) return {kOutcomeApproved, std::nullopt};
  Result<ModerationVerdict> verdict = provider(media, image);
  if (verdict.ok()) return *verdict;
  if (policy.fail_open) return {kOutcomeApproved, std::nullopt};
  return {kOutcomeNeedsReview, "the moderation provider did not answer"};
}

std::string moderation_request_json(const MediaRecord& media, const ProcessedImage& image) {
  const Variant* chosen = &image.variants.front();
  for (const Variant& v : image.variants) {
    if (v.format == "webp" && v.width <= 512) chosen = &v;  // WebP: what providers read
  }
  return JsonObject()
      .id("mediaId", media.id)
      .id("ownerId", media.owner_id)
      .integer("width", image.width)
      .integer("height", image.height)
      .string("format", chosen->format)
      .string("image", security::base64url_encode(chosen->bytes))
      .str();
}

Result<ModerationVerdict> parse_moderation_answer(std::string_view body) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return Error::unavailable("moderation answer is not a JSON object");
  const auto& o = v.as_object();
  const auto* outcome = o.if_contains("outcome");
  if (outcome == nullptr || !outcome->is_string()) {
    return Error::unavailable("moderation answer has no outcome");
  }
  std::string out(outcome->as_string());
  if (out != kOutcomeApproved && out != kOutcomeNeedsReview && out != kOutcomeRejected) {
    return Error::unavailable("moderation outcome is not approved, needs_review or rejected");
  }
  ModerationVerdict verdict{out, std::nullopt};
  if (const auto* reason = o.if_contains("reason"); reason != nullptr && reason->is_string()) {
    verdict.reason = std::string(reason->as_string()).substr(0, 500);
  }
  return verdict;
}

ModerationProvider http_moderation_provider(std::string url, std::chrono::milliseconds timeout) {
  std::shared_ptr<http::HttpClient> client = http::HttpClient::create(
      {.connect_timeout = timeout, .request_timeout = timeout, .max_response_bytes = 64 * 1024});
  return [client, url = std::move(url)](const MediaRecord& media,
                                        const ProcessedImage& image) -> Result<ModerationVerdict> {
    SP_ASSIGN_OR_RETURN(http::ClientResponse r,
                        client->send({http::Method::kPost,
                                      url,
                                      {{"content-type", "application/json"}},
                                      moderation_request_json(media, image)}));
    if (r.status < 200 || r.status > 299) {
      return Error::unavailable("moderation provider answered " + std::to_string(r.status));
    }
    return parse_moderation_answer(r.body);
  };
}

}  // namespace sp::media
