// MultipartFileStream over every split of a body: the file part comes out whole and alone.
#include "multipart_stream.hpp"

#include <gtest/gtest.h>

namespace sp::http {
namespace {

struct Streamed {
  bool ok = false;
  std::string file;
  std::string error;
  std::string type;
  std::string name;
};

Streamed stream(std::string_view body, std::size_t piece, std::string boundary = "zz") {
  MultipartFileStream s(std::move(boundary));
  Streamed run;
  auto sink = [&](std::string_view b) {
    run.file.append(b);
    return true;
  };
  bool fed = true;
  for (std::size_t at = 0; fed && at < body.size(); at += piece) {
    fed = s.feed(body.substr(at, piece), sink);
  }
  run.ok = fed && s.finish();
  run.error = std::string(s.error());
  run.type = s.content_type();
  run.name = s.filename();
  return run;
}

// Near-delimiters inside: "\r\n--z", "--zz" without the line break before it, a final "\r\n-".
const std::string kContent = "\x89PNG\r\n--z\r\n-z--zz\r\n-";

std::string body_with_file() {
  return "preamble\r\n--zz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n"
         "--zz\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a b.png\"\r\n"
         "Content-Type: image/png\r\n\r\n" +
         kContent +
         "\r\n--zz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nlater\r\n--zz--\r\n"
         "epilogue";
}

TEST(MultipartFileStream, TheFilePartComesOutWholeWhateverTheSplit) {
  const std::string body = body_with_file();
  for (std::size_t piece = 1; piece <= body.size(); ++piece) {
    Streamed run = stream(body, piece);
    ASSERT_TRUE(run.ok) << "piece " << piece << ": " << run.error;
    EXPECT_EQ(run.file, kContent) << "piece " << piece;
    EXPECT_EQ(run.type, "image/png");
    EXPECT_EQ(run.name, "a b.png");
  }
}

TEST(MultipartFileStream, APartNamedFileCountsWithoutAFilename) {
  Streamed run =
      stream("--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nbytes\r\n--zz--", 3);
  ASSERT_TRUE(run.ok) << run.error;
  EXPECT_EQ(run.file, "bytes");
}

TEST(MultipartFileStream, OnlyTheFirstFilePartIsKept) {
  Streamed run = stream(
      "--zz\r\nContent-Disposition: form-data; name=\"a\"; filename=\"1\"\r\n\r\none\r\n"
      "--zz\r\nContent-Disposition: form-data; name=\"b\"; filename=\"2\"\r\n\r\ntwo\r\n--zz--",
      5);
  ASSERT_TRUE(run.ok);
  EXPECT_EQ(run.file, "one");
}

TEST(MultipartFileStream, BodiesWithoutAWholeFilePartAreRefused) {
  EXPECT_FALSE(
      stream("--zz\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nx\r\n--zz--", 4).ok);
  Streamed cut =
      stream("--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhalf a fi", 4);
  EXPECT_FALSE(cut.ok);
  EXPECT_EQ(cut.error, "the multipart body ends inside its file part");
  EXPECT_FALSE(stream("no delimiter at all", 4).ok);
  EXPECT_FALSE(stream("--zzjunk\r\n\r\n", 4).ok);
}

TEST(MultipartFileStream, EndlessPartHeadersAreRefusedWithoutGrowing) {
  MultipartFileStream s("zz");
  auto sink = [](std::string_view) { return true; };
  ASSERT_TRUE(s.feed("--zz\r\nX: ", sink));
  bool ok = true;
  for (int i = 0; ok && i < 100; ++i) ok = s.feed(std::string(1024, 'h'), sink);
  EXPECT_FALSE(ok);
  EXPECT_EQ(s.error(), "multipart part headers are too long");
}

TEST(MultipartFileStream, ASinkRefusalStopsTheStream) {
  MultipartFileStream s("zz");
  EXPECT_FALSE(s.feed(
      "--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + std::string(100, 'x'),
      [](std::string_view) { return false; }));
  EXPECT_TRUE(s.sink_failed());
}

TEST(MultipartFormBoundary, ReadsTheBoundaryParameter) {
  EXPECT_EQ(multipart_form_boundary("multipart/form-data; boundary=\"a b\""), "a b");
  EXPECT_EQ(multipart_form_boundary("Multipart/Form-Data;charset=x; Boundary=q1"), "q1");
  EXPECT_EQ(multipart_form_boundary("multipart/form-data"), "");
  EXPECT_EQ(multipart_form_boundary("multipart/form-data; boundary=" + std::string(71, 'b')), "");
  EXPECT_EQ(multipart_form_boundary("image/png"), std::nullopt);
}

}  // namespace
}  // namespace sp::http
