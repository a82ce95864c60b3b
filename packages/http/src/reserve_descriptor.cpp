// ReserveDescriptor: the classic "accept and close" answer to EMFILE.
#include "reserve_descriptor.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sp::http {

namespace {
int open_reserve() {
  return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}
}  // namespace

ReserveDescriptor::ReserveDescriptor() : fd_(open_reserve()) {}

ReserveDescriptor::~ReserveDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

bool ReserveDescriptor::shed_one(int listener) {
  if (fd_ < 0) {
    fd_ = open_reserve();  // descriptors may have come back since
    return false;
  }
  ::close(fd_);
  int client = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (client >= 0) ::close(client);
  fd_ = open_reserve();
  return client >= 0;
}

}  // namespace sp::http
