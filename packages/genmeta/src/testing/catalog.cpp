// Every fixture form the suites use, for the mutation test.
#include "testing/fixtures.hpp"
#include "testing/samples.hpp"

namespace sp::genmeta::testing {

std::vector<std::pair<std::string, std::string>> all_fixtures() {
  auto store = c2pa_store("ChatGPT", "", "trainedAlgorithmicMedia");
  auto exif_be = tiff_with_user_comment(user_comment_unicode(kA1111Hires, true), true);
  auto exif_le = tiff_with_user_comment(user_comment_unicode(kA1111Simple, false), false);
  auto exif_ascii = tiff_with_user_comment(user_comment_ascii(kSwarm), true);
  std::vector<std::string> app11 = jpeg_app11(store, 64);
  app11.push_back(jpeg_exif(exif_be));
  return {
      {"png-a1111", png_file({png_text("parameters", kA1111Hires)})},
      {"png-ztxt", png_file({}, {png_ztxt("parameters", kA1111Simple)})},
      {"png-itxt", png_file({png_itxt("parameters", kA1111Simple, true)})},
      {"png-comfy",
       png_file({png_text("prompt", kComfyApi), png_text("workflow", kComfyWorkflow)})},
      {"png-comfy-workflow", png_file({png_text("workflow", kComfyWorkflow)})},
      {"png-comfy-custom", png_file({png_text("prompt", kComfyCustomSampler)})},
      {"png-invoke", png_file({png_text("invokeai_metadata", kInvokeMetadata)})},
      {"png-invoke-graph", png_file({png_text("invokeai_graph", kInvokeGraph)})},
      {"png-dream", png_file({png_text("Dream", kDream)})},
      {"png-fooocus", png_file({png_text("parameters", kFooocus)})},
      {"png-ruined", png_file({png_text("parameters", kRuinedFooocus)})},
      {"png-swarm", png_file({png_text("parameters", kSwarm)})},
      {"png-novelai",
       png_file({png_text("Software", "NovelAI"), png_text("Comment", kNovelComment)})},
      {"png-stealth", png_stealth(kA1111Simple, true, 48, 48)},
      {"png-c2pa", png_file({png_chunk("caBX", store)})},
      {"jpeg-exif-be", jpeg_file({jpeg_exif(exif_be)})},
      {"jpeg-exif-le", jpeg_file({jpeg_exif(exif_le)})},
      {"jpeg-exif-ascii", jpeg_file({jpeg_exif(exif_ascii)})},
      {"jpeg-xmp", jpeg_file({jpeg_xmp(xmp_packet("exif:UserComment", kA1111Simple))})},
      {"jpeg-com", jpeg_file({jpeg_segment(0xFE, kA1111Simple)})},
      {"jpeg-c2pa", jpeg_file(app11)},
      {"webp-exif", webp_file({webp_chunk("EXIF", exif_le)})},
      {"webp-xmp-c2pa", webp_file({webp_chunk("XMP ", xmp_packet("dc:description", kA1111Simple)),
                                   webp_chunk("C2PA", store)})},
  };
}

}  // namespace sp::genmeta::testing
