// Which upload bodies are taken (the multipart file part itself is found by packages/http's
// MultipartFileStream, tested there).
#include <gtest/gtest.h>

#include "logic/upload_body.hpp"

namespace sp::media {
namespace {

TEST(UploadBody, RawImageAndOctetStreamBodiesAreTaken) {
  for (std::string_view type : {"image/png", "IMAGE/JPEG; q=1", "application/octet-stream"}) {
    EXPECT_TRUE(check_upload_body(type, false, 3).ok()) << type;
  }
}

TEST(UploadBody, OtherContentTypesAre415UnlessMultipart) {
  for (std::string_view type : {"text/html", "application/json", ""}) {
    Status checked = check_upload_body(type, false, 3);
    ASSERT_FALSE(checked.ok()) << type;
    EXPECT_EQ(checked.error().code, ErrorCode::kUnsupportedMedia);
  }
  EXPECT_TRUE(check_upload_body("multipart/form-data; boundary=b", true, 3).ok());
}

TEST(UploadBody, AnEmptyFileIs400) {
  EXPECT_EQ(check_upload_body("image/png", false, 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(check_upload_body("multipart/form-data; boundary=b", true, 0).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sp::media
