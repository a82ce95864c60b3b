// The file bytes of an upload: raw bodies by Content-Type, multipart's file part.
#include <gtest/gtest.h>

#include "logic/upload_body.hpp"

namespace sp::media {
namespace {

TEST(UploadBody, RawImageAndOctetStreamBodiesAreTheFile) {
  for (std::string_view type : {"image/png", "IMAGE/JPEG; q=1", "application/octet-stream"}) {
    auto bytes = upload_bytes(type, "abc");
    ASSERT_TRUE(bytes.ok()) << type;
    EXPECT_EQ(*bytes, "abc");
  }
}

TEST(UploadBody, OtherContentTypesAre415) {
  for (std::string_view type : {"text/html", "application/json", ""}) {
    auto bytes = upload_bytes(type, "abc");
    ASSERT_FALSE(bytes.ok()) << type;
    EXPECT_EQ(bytes.error().code, ErrorCode::kUnsupportedMedia);
  }
}

TEST(UploadBody, MultipartGivesTheFilePartNotTheOtherFields) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nhello\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.png\"\r\n"
      "Content-Type: image/png\r\n\r\nPIX\r\nELS\r\n--XyZ--\r\n";
  auto bytes = upload_bytes("multipart/form-data; boundary=\"XyZ\"", body);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_EQ(*bytes, "PIX\r\nELS");  // a CRLF inside the file is content
}

TEST(UploadBody, MultipartFieldNamedFileCountsWithoutAFilename) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nDATA\r\n--b--\r\n";
  auto bytes = upload_bytes("multipart/form-data; boundary=b", body);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_EQ(*bytes, "DATA");
}

TEST(UploadBody, MultipartWithoutBoundaryOrFileOrBytesIs400) {
  EXPECT_EQ(upload_bytes("multipart/form-data", "x").error().code, ErrorCode::kInvalidArgument);
  const std::string no_file =
      "--b\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nhi\r\n--b--\r\n";
  EXPECT_EQ(upload_bytes("multipart/form-data; boundary=b", no_file).error().code,
            ErrorCode::kInvalidArgument);
  const std::string empty =
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n\r\n--b--\r\n";
  EXPECT_EQ(upload_bytes("multipart/form-data; boundary=b", empty).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(upload_bytes("image/png", "").error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sp::media
