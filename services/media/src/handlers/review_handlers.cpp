#include "handlers/review_handlers.hpp"

#include "handlers/media_context.hpp"
#include "handlers/views.hpp"
#include "strangeprompt/http/json_body.hpp"
#include "strangeprompt/http/request_readers.hpp"

namespace sp::media::handlers {
namespace {

constexpr std::string_view kReviewList = "media.review";
enum class Verdict { kApproved, kRejected };

}  // namespace

Result<http::Response> list_review(const MediaContext& ctx, http::Request& request) {
  SP_ASSIGN_OR_RETURN(http::PageRequest page,
                      ctx.pager.read(request, kReviewList, {http::CursorKind::kInt}));
  const int64_t after = page.after.empty() ? 0 : std::get<int64_t>(page.after[0]);
  SP_ASSIGN_OR_RETURN(auto rows, ctx.library.awaiting_review(after, page.limit + 1));
  return http::Response::json(
      200, ctx.pager.page(
               kReviewList, page, rows,
               [](const MediaRecord& m) {
                 return media_json(MediaView{m, {}});
               },
               [](const MediaRecord& m) { return std::vector<http::CursorKey>{m.id}; }));
}

Result<http::Response> review(const MediaContext& ctx, http::Request& request) {
  SP_ASSIGN_OR_RETURN(int64_t id, http::path_id(request));
  SP_ASSIGN_OR_RETURN(http::JsonBody body, http::JsonBody::parse(request));
  Verdict verdict = body.required_enum<Verdict>(
      "outcome", {{"approved", Verdict::kApproved}, {"rejected", Verdict::kRejected}});
  std::optional<std::string> reason = body.optional_string("reason", {.max_chars = 500});
  SP_TRY(body.finish());
  SP_ASSIGN_OR_RETURN(
      MediaView view,
      ctx.library.review(id, verdict == Verdict::kApproved ? "approved" : "rejected", reason));
  return http::Response::json(200, media_json(view));
}

}  // namespace sp::media::handlers
