#include "redis_script.hpp"

#include <openssl/sha.h>

namespace sp::cache::redis {
namespace {

std::string sha1_hex(std::string_view text) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

}  // namespace

Script::Script(std::string source) : source_(std::move(source)), sha1_(sha1_hex(source_)) {}

Result<Reply> Script::run(Pool& pool, const std::vector<std::string_view>& keys,
                          const std::vector<std::string_view>& args) const {
  const std::string nkeys = std::to_string(keys.size());
  std::vector<std::string_view> argv{"EVALSHA", sha1_, nkeys};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  SP_ASSIGN_OR_RETURN(Reply reply, pool.command(argv));
  if (!reply.is_error() || !reply.str.starts_with("NOSCRIPT")) return reply;
  argv[0] = "EVAL";
  argv[1] = source_;  // EVAL also caches the script for the next EVALSHA
  return pool.command(argv);
}

}  // namespace sp::cache::redis
